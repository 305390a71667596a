package org.multilevel.api.data;

import java.util.List;

/**
 * A categorical column: each row holds the index of its level in {@code levels}, or -1 when missing.
 * Levels are sorted as R sorts them after {@code read.csv} (numerically where every level is a number,
 * else by character), so the first level is the reference of treatment coding.
 */
public record CategoricalColumn(String name, int[] codes, List<String> levels) implements Column {
    public CategoricalColumn {
        levels = List.copyOf(levels);
    }

    @Override
    public int size() {
        return codes.length;
    }

    @Override
    public boolean isMissing(int row) {
        return codes[row] < 0;
    }

    /** The level of a row, or null when missing. */
    public String levelOf(int row) {
        int code = codes[row];
        return code < 0 ? null : levels.get(code);
    }
}
