package org.multilevel.importsupport;

import java.text.Collator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.multilevel.api.data.CategoricalColumn;
import org.multilevel.api.data.Column;
import org.multilevel.api.data.NumericColumn;
import org.multilevel.api.descriptor.MeasureType;

/**
 * Columns from the values of a statistics file (SPSS, Stata, a workbook). Shared rules, so that every format
 * turns the same data into the same columns:
 * <ul>
 * <li>A numeric variable with value labels becomes a factor when every value it holds has a label (the labels
 * describe codes); its levels are the labels of the codes it holds, in the order of the codes. When some value
 * has no label (a scale variable whose labels only mark special values such as 99 "no answer") it stays
 * numeric.</li>
 * <li>A text variable becomes a factor with its distinct texts as levels: by value when every text is a number,
 * else in the root collation order (letters ignoring case and accents first, then accents, then case), which is
 * close to R's {@code sort()}.</li>
 * </ul>
 */
public final class Columns {
    private Columns() {
    }

    /**
     * A numeric variable, a factor when its value labels cover every value it holds (see above).
     *
     * @param values  NaN where missing
     * @param labels  value labels by code (may be empty)
     * @param measure the file's measurement level, or null when it declares none
     */
    public static Column numeric(String name, double[] values, Map<Double, String> labels, String title,
                                 MeasureType measure) {
        if (!labels.isEmpty()) {
            NavigableMap<Double, String> byCode = new TreeMap<>(labels);
            boolean covered = true;
            TreeSet<Double> used = new TreeSet<>();
            for (double v : values) {
                if (Double.isNaN(v)) continue;
                if (!byCode.containsKey(v)) {
                    covered = false;
                    break;
                }
                used.add(v);
            }
            if (covered && !used.isEmpty()) return factor(name, values, byCode, used, title, measure);
        }
        MeasureType m = measure == null ? MeasureType.SCALE : measure;
        return new NumericColumn(name, values, title, m);
    }

    private static Column factor(String name, double[] values, NavigableMap<Double, String> labels,
                                 TreeSet<Double> used, String title, MeasureType measure) {
        Map<Double, Integer> index = new HashMap<>();
        List<String> levels = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (double code : used) {
            String label = labels.get(code).strip();
            // levels must differ: a blank or repeated label is told apart by its code
            if (label.isEmpty() || !seen.add(label)) {
                label = (label.isEmpty() ? "" : label + " ") + "(" + number(code) + ")";
                seen.add(label);
            }
            index.put(code, levels.size());
            levels.add(label);
        }
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            codes[i] = Double.isNaN(values[i]) ? -1 : index.get(values[i]);
        }
        MeasureType m = measure == MeasureType.ORDINAL ? MeasureType.ORDINAL : MeasureType.NOMINAL;
        return new CategoricalColumn(name, codes, levels, title, m);
    }

    /**
     * A text variable as a factor.
     *
     * @param values null where missing
     */
    public static Column text(String name, String[] values, String title, MeasureType measure) {
        Set<String> distinct = new HashSet<>();
        for (String v : values) {
            if (v != null) distinct.add(v);
        }
        List<String> levels = new ArrayList<>(distinct);
        sortLevels(levels);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < levels.size(); i++) index.put(levels.get(i), i);
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) codes[i] = values[i] == null ? -1 : index.get(values[i]);
        MeasureType m = measure == MeasureType.ORDINAL ? MeasureType.ORDINAL : MeasureType.NOMINAL;
        return new CategoricalColumn(name, codes, levels, title, m);
    }

    /** Sorts levels by value when all are numbers, else by the root collation. */
    static void sortLevels(List<String> levels) {
        Map<String, Double> numbers = new HashMap<>();
        for (String level : levels) {
            try {
                numbers.put(level, Double.parseDouble(level.strip()));
            } catch (NumberFormatException notANumber) {
                Collator collator = Collator.getInstance(Locale.ROOT);
                collator.setStrength(Collator.TERTIARY);
                levels.sort(collator::compare);
                return;
            }
        }
        levels.sort((a, b) -> Double.compare(numbers.get(a), numbers.get(b)));
    }

    /** A code as text: integral codes without a decimal point. */
    public static String number(double code) {
        if (code == Math.rint(code) && Math.abs(code) < 1e15) return Long.toString((long) code);
        return Double.toString(code);
    }

    /** Names made unique and non-blank ("V3" for a blank third name; "x.1" for a second "x"). */
    public static List<String> uniqueNames(List<String> names) {
        Set<String> seen = new HashSet<>();
        List<String> out = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String base = names.get(i) == null || names.get(i).isBlank() ? "V" + (i + 1) : names.get(i).strip();
            String name = base;
            for (int k = 1; !seen.add(name); k++) name = base + "." + k;
            out.add(name);
        }
        return out;
    }
}
