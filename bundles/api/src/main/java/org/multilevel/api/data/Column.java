package org.multilevel.api.data;

import org.multilevel.api.descriptor.MeasureType;

/** One column of a {@link Dataset}: numeric or categorical. Arrays inside are never modified once built. */
public sealed interface Column permits NumericColumn, CategoricalColumn {
    String name();

    int size();

    boolean isMissing(int row);

    /**
     * A longer description of the column that the data file carries (an SPSS or Stata variable label), for hosts
     * to show beside the name; "" when there is none.
     */
    default String title() {
        return "";
    }

    /**
     * The measurement level: as the data file declares it (SPSS), else scale for a numeric column and nominal for
     * a categorical one.
     */
    default MeasureType measure() {
        return this instanceof CategoricalColumn ? MeasureType.NOMINAL : MeasureType.SCALE;
    }

    /** Number of missing values. */
    default int missingCount() {
        int count = 0;
        for (int i = 0; i < size(); i++) {
            if (isMissing(i)) count++;
        }
        return count;
    }
}
