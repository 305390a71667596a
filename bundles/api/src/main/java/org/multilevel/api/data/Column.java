package org.multilevel.api.data;

/** One column of a {@link Dataset}: numeric or categorical. Arrays inside are never modified once built. */
public sealed interface Column permits NumericColumn, CategoricalColumn {
    String name();

    int size();

    boolean isMissing(int row);

    /** Number of missing values. */
    default int missingCount() {
        int count = 0;
        for (int i = 0; i < size(); i++) {
            if (isMissing(i)) count++;
        }
        return count;
    }
}
