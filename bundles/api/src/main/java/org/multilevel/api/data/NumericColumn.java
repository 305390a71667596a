package org.multilevel.api.data;

/** A numeric column; a missing value is {@code Double.NaN}. */
public record NumericColumn(String name, double[] values) implements Column {
    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int row) {
        return Double.isNaN(values[row]);
    }
}
