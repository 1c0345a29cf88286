package io.promdr.deploy;

import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The promdr metric names a PromQL expression (of an alert or a dashboard panel) refers to. */
final class PromQlMetricNames {
    private static final Pattern PROMDR_NAME = Pattern.compile("\\bpromdr_[a-z0-9_]+\\b");

    private PromQlMetricNames() {
    }

    static SortedSet<String> in(String expr) {
        SortedSet<String> names = new TreeSet<>();
        Matcher m = PROMDR_NAME.matcher(expr);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }
}
