package org.multilevel.formula.internal;

import java.util.List;
import java.util.regex.Pattern;

import org.multilevel.api.MultilevelException;
import org.multilevel.api.data.CategoricalColumn;

/**
 * Detects a numeric column made categorical by a few text cells ("abc" among numbers): as a predictor or
 * response it would silently become a factor with a level per number. Most of its levels must read as
 * numbers for the check to apply, so genuine codes ("A12", "low"/"high") and explicit {@code factor(x)} are
 * untouched; grouping factors are never checked (ids are categorical by nature).
 */
public final class StrayText {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+([.,]\\d*)?|[.,]\\d+)([eE][+-]?\\d+)?");

    private StrayText() {
    }

    /** Fails naming the column, the first text value and its data row when {@code column} is such a column. */
    public static void check(CategoricalColumn column) {
        List<String> levels = column.levels();
        boolean[] text = new boolean[levels.size()];
        int numbers = 0;
        for (int l = 0; l < levels.size(); l++) {
            text[l] = !NUMBER.matcher(levels.get(l).strip()).matches();
            if (!text[l]) numbers++;
        }
        if (numbers == levels.size() || 2 * numbers <= levels.size()) return;
        int[] codes = column.codes();
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] >= 0 && text[codes[i]]) {
                String name = column.name();
                throw new MultilevelException("column '" + name + "' holds text ('" + levels.get(codes[i])
                        + "' in data row " + (i + 1) + ", not counting the header) although its other values are numbers;"
                        + " fix or remove that cell, or use factor(" + name + ") if " + name + " is meant to be categorical");
            }
        }
    }
}
