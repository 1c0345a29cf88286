package io.promdr.cli.config;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses sizes such as {@code 16777216}, {@code 16MiB} or {@code 64 MB} (KiB/MiB/GiB are binary, KB/MB/GB decimal). */
public final class ByteSizes {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*([kmg]i?b|b)?");

    private ByteSizes() {
    }

    /** The number of bytes, or empty when the text is not a size. */
    public static OptionalLong parse(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        long factor = switch (unit) {
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            default -> 1L;
        };
        try {
            return OptionalLong.of(Math.multiplyExact(n, factor));
        } catch (ArithmeticException e) {
            return OptionalLong.empty(); // more bytes than a long holds: not a size anyone means
        }
    }
}
