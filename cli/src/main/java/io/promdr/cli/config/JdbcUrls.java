package io.promdr.cli.config;

/** Makes JDBC URLs safe to print: drivers accept credentials as URL parameters, so everything after '?' or ';' goes. */
public final class JdbcUrls {
    private JdbcUrls() {
    }

    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int i = url.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        String base = url.substring(0, cut);
        // jdbc:postgresql://user:secret@host/db is accepted by some drivers too.
        int at = base.indexOf('@');
        int scheme = base.indexOf("//");
        if (at > 0 && scheme >= 0 && at > scheme) {
            base = base.substring(0, scheme + 2) + base.substring(at + 1);
        }
        return cut < url.length() ? base + "?..." : base;
    }
}
