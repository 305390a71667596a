package org.multilevel.formula.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.multilevel.api.MultilevelException;
import org.multilevel.api.data.CategoricalColumn;

/**
 * A column whose values are mostly numbers but for some text ("1, 2, 3, K", "0, 1, 2, 3+", or a typo among
 * measurements). R's {@code read.csv} makes it a factor, and so do we where the formula uses it as R would
 * (a plain predictor); where a number is needed (the response, inside {@code I()} or a function, a centering
 * option) it is an error naming the value and its row. A random slope on such a column is a factor too, unless
 * the text looks like a typo (see {@link Mixed#looksLikeTypo()}): a factor slope with a level per measurement
 * is never what was meant. Genuine codes ("A12", "low"/"high"), where most levels are not numbers, are left
 * alone; grouping factors are never checked (ids are categorical by nature).
 */
public final class StrayText {
    /** A number as the data bundle reads one with a decimal point, and with a decimal comma. */
    private static final Pattern POINT_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern COMMA_DECIMAL = Pattern.compile("[+-]?(\\d+(,\\d*)?|,\\d+)([eE][+-]?\\d+)?");
    /** A number written with a comma: thousands separators ("40,606", "1,234.5") or a decimal comma. */
    private static final Pattern COMMA_NUMBER = Pattern.compile("[+-]?\\d+(,\\d+)+(\\.\\d*)?|[+-]?\\d*,\\d+");
    /** Text values named in a note before "and N more". */
    private static final int NAMED = 5;
    /** A typo is rare: at most this share of the non-missing cells is text. */
    private static final double TYPO_SHARE = 0.05;
    /** ... among many distinct numbers (more than a categorical code usually has). */
    private static final int TYPO_NUMBERS = 10;

    private StrayText() {
    }

    /**
     * A mostly numeric column with text values.
     *
     * @param textValues   the levels that are not numbers, in level order
     * @param numberLevels how many levels are numbers
     * @param textCells    non-missing rows holding text
     * @param cells        non-missing rows
     * @param firstText    0-based row of the first text cell
     */
    public record Mixed(CategoricalColumn column, List<String> textValues, int numberLevels, int textCells,
                        int cells, int firstText) {
        /** One or a few text cells among many distinct numbers: a mistake in the data rather than a code. */
        public boolean looksLikeTypo() {
            return numberLevels > TYPO_NUMBERS && textCells <= Math.max(1, TYPO_SHARE * cells);
        }

        /** The note for a column that enters the model as a factor because of its text. */
        public String note() {
            String name = column.name();
            StringBuilder s = new StringBuilder("column '").append(name).append("' is read as categorical (")
                    .append(column.levels().size()).append(" levels) because of its text value")
                    .append(textValues.size() == 1 ? " " : "s ").append(named())
                    .append(", as R's read.csv reads it");
            boolean commas = textValues.stream().anyMatch(v -> COMMA_NUMBER.matcher(v.strip()).matches());
            if (commas) {
                s.append("; numbers written with a comma are text: a decimal comma is recognised only in"
                        + " ';'-separated files, and thousands separators never");
            }
            if (looksLikeTypo()) {
                s.append("; if ").append(name).append(" is meant to be a number, fix ")
                        .append(textCells == 1 ? "that cell" : "those cells")
                        .append(" (the first in data row ").append(firstText + 1).append(", not counting the header)");
            }
            return s.toString();
        }

        private String named() {
            List<String> quoted = new ArrayList<>();
            for (int i = 0; i < Math.min(NAMED, textValues.size()); i++) quoted.add("'" + textValues.get(i) + "'");
            String list = String.join(", ", quoted);
            return textValues.size() > NAMED ? list + " and " + (textValues.size() - NAMED) + " more" : list;
        }
    }

    /**
     * The column as a {@link Mixed} one, or null when it is all numbers, or mostly (or all) text. Numbers written
     * with a comma the data were not read with ("40,606" in a file with a decimal point) count as numbers for
     * "mostly" but are among the text values: they are why the column is categorical.
     *
     * @param decimalMark the decimal mark the data were read with
     */
    public static Mixed classify(CategoricalColumn column, char decimalMark) {
        Pattern number = decimalMark == ',' ? COMMA_DECIMAL : POINT_NUMBER;
        List<String> levels = column.levels();
        boolean[] text = new boolean[levels.size()];
        List<String> textValues = new ArrayList<>();
        int numberLike = 0;
        for (int l = 0; l < levels.size(); l++) {
            String level = levels.get(l).strip();
            text[l] = !number.matcher(level).matches();
            if (text[l]) textValues.add(levels.get(l));
            if (!text[l] || COMMA_NUMBER.matcher(level).matches()) numberLike++;
        }
        int numbers = levels.size() - textValues.size();
        if (textValues.isEmpty() || 2 * numberLike <= levels.size()) return null;
        int[] codes = column.codes();
        int textCells = 0;
        int cells = 0;
        int first = -1;
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < 0) continue;
            cells++;
            if (text[codes[i]]) {
                textCells++;
                if (first < 0) first = i;
            }
        }
        return new Mixed(column, textValues, numbers, textCells, cells, first);
    }

    /** Fails naming the column, the first text value and its data row when {@code column} is a mixed column. */
    public static void check(CategoricalColumn column, char decimalMark) {
        Mixed mixed = classify(column, decimalMark);
        if (mixed != null) throw error(mixed);
    }

    /** The error for a mixed column where a number is needed. */
    public static MultilevelException error(Mixed mixed) {
        String name = mixed.column().name();
        String value = mixed.column().levelOf(mixed.firstText());
        String comma = COMMA_NUMBER.matcher(value.strip()).matches()
                ? " (a number with a comma is text: a decimal comma is recognised only in ';'-separated files,"
                        + " and thousands separators never)" : "";
        return new MultilevelException("column '" + name + "' holds text ('" + value + "' in data row "
                + (mixed.firstText() + 1) + ", not counting the header) although its other values are numbers" + comma
                + "; fix or remove that cell, or use factor(" + name + ") if " + name + " is meant to be categorical");
    }
}
