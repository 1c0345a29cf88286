package io.promdr.restore.drill;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Blocks whose time ranges overlap, queried together: a query over one of them also reads the
 * others. Most groups hold one block; overlaps come from backfilling or out-of-order ingestion.
 *
 * @param minTime inclusive start of the union of the ranges
 * @param maxTime exclusive end of the union
 */
record BlockGroup(List<BlockReport> blocks, long minTime, long maxTime) {

    static List<BlockGroup> of(List<BlockReport> rows) {
        List<BlockReport> sorted = rows.stream().sorted(Comparator.comparingLong(BlockReport::minTime)).toList();
        List<BlockGroup> groups = new ArrayList<>();
        List<BlockReport> current = new ArrayList<>();
        long min = 0;
        long max = 0;
        for (BlockReport row : sorted) {
            if (!current.isEmpty() && row.minTime() >= max) {
                groups.add(new BlockGroup(List.copyOf(current), min, max));
                current.clear();
            }
            if (current.isEmpty()) {
                min = row.minTime();
                max = row.maxTime();
            }
            current.add(row);
            max = Math.max(max, row.maxTime());
        }
        if (!current.isEmpty()) {
            groups.add(new BlockGroup(List.copyOf(current), min, max));
        }
        return groups;
    }

    boolean overlapping() {
        return blocks.size() > 1;
    }

    List<String> ulids() {
        return blocks.stream().map(BlockReport::ulid).toList();
    }
}
