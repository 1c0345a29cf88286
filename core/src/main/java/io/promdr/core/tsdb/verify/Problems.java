package io.promdr.core.tsdb.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the problems of one verification. Repeated problems of one check are capped: the first
 * {@link #MAX_LISTED_PER_CHECK} are listed, then one summary problem says how many more there were
 * (a damaged block can otherwise produce one problem per series).
 */
final class Problems {
    static final int MAX_LISTED_PER_CHECK = 20;

    private final Set<String> checksRun = new LinkedHashSet<>();
    private final List<VerificationProblem> listed = new ArrayList<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, String> firstFiles = new LinkedHashMap<>();

    /** Records that {@code check} ran (at least in part). */
    void ran(String check) {
        checksRun.add(check);
    }

    void add(String check, String file, String detail) {
        ran(check);
        long count = counts.merge(check, 1L, Long::sum);
        firstFiles.putIfAbsent(check, file);
        if (count <= MAX_LISTED_PER_CHECK) {
            listed.add(new VerificationProblem(check, file, detail));
        }
    }

    /** How many problems {@code check} reported so far (listed or not). */
    long count(String check) {
        return counts.getOrDefault(check, 0L);
    }

    /** How many problems were reported so far, of all checks. */
    long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    List<String> checksRun() {
        return List.copyOf(checksRun);
    }

    /** The listed problems, followed by one summary per check that had more than the cap. */
    List<VerificationProblem> all() {
        List<VerificationProblem> all = new ArrayList<>(listed);
        counts.forEach((check, count) -> {
            if (count > MAX_LISTED_PER_CHECK) {
                all.add(new VerificationProblem(check, firstFiles.get(check), (count - MAX_LISTED_PER_CHECK)
                        + " more " + check + " problems not listed (" + count + " in all)"));
            }
        });
        return all;
    }
}
