package io.promdr.core.k8s;

import io.promdr.core.error.ErrorCode;
import io.promdr.core.error.PromdrException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Parses the equality-based label selectors promdr accepts ({@code k=v,k2=v2}). */
public final class LabelSelectors {
    /** An optional DNS-subdomain prefix and a name (Kubernetes label key syntax). */
    private static final Pattern KEY = Pattern.compile("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");

    private LabelSelectors() {
    }

    public static Map<String, String> parse(String selector) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String term : selector.split(",")) {
            String t = term.strip();
            int eq = t.indexOf('=');
            String key = eq < 0 ? t : t.substring(0, eq).strip();
            String value = eq < 0 ? null : t.substring(eq + 1).replaceFirst("^=", "").strip();
            if (value == null || !KEY.matcher(key).matches() || !VALUE.matcher(value).matches() || key.length() > 316) {
                throw new PromdrException(ErrorCode.CONFIG_INVALID, "label selector \"" + selector + "\" has an invalid term \""
                        + t + "\"", "use key=value terms separated by commas, e.g. app.kubernetes.io/name=prometheus");
            }
            labels.put(key, value);
        }
        return labels;
    }
}
