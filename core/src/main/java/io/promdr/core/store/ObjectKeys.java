package io.promdr.core.store;

/** Validation shared by every store: keys are relative, '/'-separated, without empty, "." or ".." segments. */
public final class ObjectKeys {
    private ObjectKeys() {
    }

    /** Returns {@code key}, or raises {@link IllegalArgumentException} when it is not {@linkplain #isValid valid}. */
    public static String requireValid(String key) {
        if (!isValid(key)) {
            throw new IllegalArgumentException("invalid object key: " + key);
        }
        return key;
    }

    /** True for a relative, '/'-separated key without empty, "." or ".." segments, backslash or NUL. */
    public static boolean isValid(String key) {
        if (key == null || key.isEmpty() || key.startsWith("/") || key.endsWith("/") || key.contains("\\")
                || key.contains("\0")) {
            return false;
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Validates a list prefix: empty (everything), or the start of a valid key. Every complete
     * segment (before the last '/') must be valid; the last, partial one may be anything a
     * segment can start with. A null prefix means empty.
     */
    public static String requireValidPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        int slash = prefix.lastIndexOf('/');
        String tail = prefix.substring(slash + 1);
        try {
            if (slash >= 0) {
                requireValid(prefix.substring(0, slash));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid object key prefix: " + prefix, e);
        }
        if (tail.contains("\\") || tail.contains("\0")) {
            throw new IllegalArgumentException("invalid object key prefix: " + prefix);
        }
        return prefix;
    }
}
