package org.multilevel.api.model;

import java.util.List;

/**
 * The fixed-effects model matrix X.
 *
 * @param columnNames R's term names, one per column ("(Intercept)", "ses", "sectorCatholic", "cses:sector")
 * @param values      n x p, row-major: values[i * p + j]
 * @param assign      for each column, the index of the formula term it belongs to (as R's "assign"); the
 *                    intercept has -1
 * @param termLabels  the formula's fixed terms in order ("ses", "sector", "cses:sector")
 * @param dropped     columns dropped because they were collinear with earlier ones (as lme4 does)
 */
public record FixedDesign(List<String> columnNames, double[] values, int[] assign, List<String> termLabels,
                          List<String> dropped) {
    public FixedDesign {
        columnNames = List.copyOf(columnNames);
        termLabels = List.copyOf(termLabels);
        dropped = List.copyOf(dropped);
    }

    public int columns() {
        return columnNames.size();
    }

    public double get(int row, int column) {
        return values[row * columnNames.size() + column];
    }
}
