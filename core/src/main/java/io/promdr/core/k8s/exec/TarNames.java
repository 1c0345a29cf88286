package io.promdr.core.k8s.exec;

/** Entry names as GNU and busybox tar write them ({@code ./x/y}, {@code x/y/}) reduced to {@code x/y}. */
final class TarNames {
    private TarNames() {
    }

    static String relative(String name) {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n.equals(".") ? "" : n;
    }
}
