package io.promdr.cli.config;

import io.promdr.core.prometheus.PrometheusAuth;
import io.promdr.core.prometheus.PrometheusSecurity;
import io.promdr.core.prometheus.Secret;
import io.promdr.core.tls.TlsOptions;

import java.util.Map;

/**
 * Turns the credential and TLS keys of the configuration (docs/security.md) into the settings the
 * clients use. Secrets are only named by where they come from: passwords and tokens are read from
 * files (at every request) or from {@code PROMDR_PROMETHEUS_PASSWORD}, never from the file itself.
 */
final class SecurityResolver {
    private SecurityResolver() {
    }

    /**
     * @param p   the selected source's Prometheus settings, merged with the environment and command line
     * @param key where they live in the file: {@code prometheus} or {@code sources.<name>.prometheus}
     */
    static PrometheusSecurity prometheus(PrometheusConfig p, String key, Map<String, String> env) {
        TlsOptions tls = tls(p.tls() == null ? null : p.tls().caFile(), p.tls() == null ? null : p.tls().insecureSkipVerify(),
                key + ".tls");
        return new PrometheusSecurity(auth(p, key, env), tls);
    }

    private static PrometheusAuth auth(PrometheusConfig p, String key, Map<String, String> env) {
        BasicAuthConfig basic = p.basicAuth();
        String envPassword = EnvironmentOverrides.get(env, EnvironmentOverrides.PROMETHEUS_PASSWORD);
        String username = basic == null ? null : blankToNull(basic.username());
        String passwordFile = basic == null ? null : blankToNull(basic.passwordFile());
        String tokenFile = blankToNull(p.bearerTokenFile());
        boolean basicGiven = username != null || passwordFile != null || envPassword != null;
        if (tokenFile != null && basicGiven) {
            throw SettingsResolver.invalid(key, "sets both bearerTokenFile and basicAuth",
                    "keep the one your Prometheus (or the proxy in front of it) checks");
        }
        if (tokenFile != null) {
            return PrometheusAuth.bearerToken(Secret.fromFile(SettingsResolver.path(tokenFile, key + ".bearerTokenFile"),
                    key + ".bearerTokenFile"));
        }
        if (!basicGiven) {
            return PrometheusAuth.NONE;
        }
        if (username == null) {
            throw SettingsResolver.invalid(key + ".basicAuth.username", "is not set but a password is",
                    "set the user name (or PROMDR_PROMETHEUS_USERNAME)");
        }
        if (envPassword != null) {
            return PrometheusAuth.basic(username, Secret.of(envPassword, EnvironmentOverrides.PROMETHEUS_PASSWORD));
        }
        if (passwordFile == null) {
            throw SettingsResolver.invalid(key + ".basicAuth.passwordFile", "is not set",
                    "give a file holding the password, or set PROMDR_PROMETHEUS_PASSWORD");
        }
        return PrometheusAuth.basic(username, Secret.fromFile(SettingsResolver.path(passwordFile, key + ".basicAuth.passwordFile"),
                key + ".basicAuth.passwordFile"));
    }

    /** caFile and insecureSkipVerify of {@code key} (e.g. {@code repository.s3}); both at once is a contradiction. */
    static TlsOptions tls(String caFile, Boolean insecureSkipVerify, String key) {
        String ca = blankToNull(caFile);
        boolean insecure = Boolean.TRUE.equals(insecureSkipVerify);
        if (ca != null && insecure) {
            throw SettingsResolver.invalid(key, "sets both caFile and insecureSkipVerify",
                    "keep caFile: with it the certificate is checked against that CA");
        }
        return new TlsOptions(ca == null ? null : SettingsResolver.path(ca, key + ".caFile"), insecure, key);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
