package io.promdr.core.retention;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One golden file of core/src/test/resources/retention: a policy, a zone, "now", then one line
 * per backup with its expected decision:
 * <pre>
 * policy: keepLast=3 keepDaily=7        (or "policy: (none)")
 * zone: Europe/Paris
 * now: 2026-11-30T12:00:00Z
 * b01  2026-11-30T01:00:00Z  successful         =&gt; keep: newest successful, daily 2026-11-30
 * b02  2026-11-29T01:00:00+01:00  failed pinned  =&gt; keep: pinned
 * </pre>
 * Times are ISO-8601 with an offset; status is successful, failed or in-progress; "pinned" is an
 * optional flag. Lines starting with '#' and blank lines are comments.
 */
record GoldenCase(String name, RetentionPolicy policy, ZoneId zone, Instant now, List<RetentionItem> items,
                  List<String> expectedLines) {

    static GoldenCase read(Path file) throws IOException {
        RetentionPolicy policy = null;
        ZoneId zone = ZoneId.of("UTC");
        Instant now = null;
        List<RetentionItem> items = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("policy:")) {
                policy = parsePolicy(value(line));
            } else if (line.startsWith("zone:")) {
                zone = ZoneId.of(value(line));
            } else if (line.startsWith("now:")) {
                now = OffsetDateTime.parse(value(line)).toInstant();
            } else {
                String[] sides = line.split("=>", 2);
                if (sides.length != 2) {
                    throw new IllegalArgumentException(file + ": not a backup line: " + line);
                }
                RetentionItem item = parseItem(sides[0].strip().split("\\s+"));
                items.add(item);
                expected.add(item.id() + " => " + sides[1].strip());
            }
        }
        if (policy == null || now == null) {
            throw new IllegalArgumentException(file + ": needs 'policy:' and 'now:' lines");
        }
        return new GoldenCase(file.getFileName().toString(), policy, zone, now, items, expected);
    }

    /** The decisions of {@code plan}, rendered like the expected lines and in the file's order. */
    List<String> actualLines(RetentionPlan plan) {
        Map<String, RetentionDecision> byId = new java.util.HashMap<>();
        plan.decisions().forEach(d -> byId.put(d.id(), d));
        return items.stream().map(item -> render(byId.get(item.id()))).toList();
    }

    static String render(RetentionDecision d) {
        return d.id() + " => " + (d.keep() ? "keep: " : "remove: ") + String.join(", ", d.reasons());
    }

    private static String value(String line) {
        return line.substring(line.indexOf(':') + 1).strip();
    }

    private static RetentionItem parseItem(String[] tokens) {
        if (tokens.length < 3 || tokens.length > 4 || (tokens.length == 4 && !tokens[3].equals("pinned"))) {
            throw new IllegalArgumentException("expected '<id> <time> <status> [pinned]': " + String.join(" ", tokens));
        }
        BackupStatus status = BackupStatus.valueOf(tokens[2].toUpperCase(Locale.ROOT).replace('-', '_'));
        return new RetentionItem(tokens[0], OffsetDateTime.parse(tokens[1]).toInstant(), status, tokens.length == 4, Map.of());
    }

    private static RetentionPolicy parsePolicy(String text) {
        RetentionPolicy policy = RetentionPolicy.empty();
        if (text.equals("(none)")) {
            return policy;
        }
        for (String token : text.split("\\s+")) {
            String[] kv = token.split("=", 2);
            policy = switch (kv[0]) {
                case "keepLast" -> policy.withKeepLast(Integer.parseInt(kv[1]));
                case "keepHourly" -> policy.withKeepHourly(Integer.parseInt(kv[1]));
                case "keepDaily" -> policy.withKeepDaily(Integer.parseInt(kv[1]));
                case "keepWeekly" -> policy.withKeepWeekly(Integer.parseInt(kv[1]));
                case "keepMonthly" -> policy.withKeepMonthly(Integer.parseInt(kv[1]));
                case "keepYearly" -> policy.withKeepYearly(Integer.parseInt(kv[1]));
                case "keepWithin" -> policy.withKeepWithin(durationOf(kv[1]));
                default -> throw new IllegalArgumentException("unknown policy key " + kv[0]);
            };
        }
        return policy;
    }

    private static Duration durationOf(String text) {
        return RetentionDurations.parse(text).orElseThrow(() -> new IllegalArgumentException("bad duration " + text));
    }
}
