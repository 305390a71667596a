package org.multilevel.api.data;

import java.util.List;
import org.multilevel.api.descriptor.MeasureType;

/**
 * A categorical column: each row holds the index of its level in {@code levels}, or -1 when missing.
 * Levels from a text file are sorted as R sorts them after {@code read.csv} (numerically where every level is a
 * number, else by character); levels from value labels keep the order of their codes. The first level is the
 * reference of treatment coding.
 *
 * @param title   see {@link Column#title()}; null is taken as ""
 * @param measure see {@link Column#measure()}; null is taken as nominal
 */
public record CategoricalColumn(String name, int[] codes, List<String> levels, String title, MeasureType measure)
        implements Column {
    public CategoricalColumn {
        levels = List.copyOf(levels);
        title = title == null ? "" : title;
        measure = measure == null ? MeasureType.NOMINAL : measure;
    }

    /** A nominal column without a title. */
    public CategoricalColumn(String name, int[] codes, List<String> levels) {
        this(name, codes, levels, "", MeasureType.NOMINAL);
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
