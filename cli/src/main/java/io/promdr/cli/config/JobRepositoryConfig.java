package io.promdr.cli.config;

/**
 * {@code jobRepository:} the database of the Spring Batch job history. Unset: an embedded H2
 * database under the state directory. Set: a {@code jdbc:postgresql://} URL with its credentials.
 *
 * @param password never printed
 */
public record JobRepositoryConfig(String url, String username, String password) {

    static JobRepositoryConfig merge(JobRepositoryConfig lower, JobRepositoryConfig higher) {
        if (lower == null || higher == null) {
            return higher != null ? higher : lower;
        }
        return new JobRepositoryConfig(Layers.pick(lower.url, higher.url), Layers.pick(lower.username, higher.username),
                Layers.pick(lower.password, higher.password));
    }

    @Override
    public String toString() {
        return "JobRepositoryConfig[url=" + JdbcUrls.redact(url) + ", username=" + username
                + ", password=" + Layers.mask(password) + "]";
    }
}
