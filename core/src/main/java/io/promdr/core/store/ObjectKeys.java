package io.promdr.core.store;

/** Validation shared by every store: keys are relative, '/'-separated, without empty, "." or ".." segments. */
public final class ObjectKeys {
    private ObjectKeys() {
    }

    public static String requireValid(String key) {
        if (key == null || key.isEmpty() || key.startsWith("/") || key.endsWith("/") || key.contains("\\")
                || key.contains("\0")) {
            throw new IllegalArgumentException("invalid object key: " + key);
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("invalid object key: " + key);
            }
        }
        return key;
    }
}
