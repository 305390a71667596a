package org.multilevel.api.data;

import org.multilevel.api.descriptor.MeasureType;

/**
 * A numeric column; a missing value is {@code Double.NaN}.
 *
 * @param title   see {@link Column#title()}; null is taken as ""
 * @param measure see {@link Column#measure()}; null is taken as scale
 */
public record NumericColumn(String name, double[] values, String title, MeasureType measure) implements Column {
    public NumericColumn {
        title = title == null ? "" : title;
        measure = measure == null ? MeasureType.SCALE : measure;
    }

    /** A scale column without a title. */
    public NumericColumn(String name, double[] values) {
        this(name, values, "", MeasureType.SCALE);
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int row) {
        return Double.isNaN(values[row]);
    }
}
