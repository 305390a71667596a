package org.multilevel.analysis.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.multilevel.api.ClosestName;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.data.CategoricalColumn;
import org.multilevel.api.data.Column;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.NumericColumn;
import org.multilevel.api.model.Centering;
import org.multilevel.api.model.ModelSpec;

/**
 * Checks the analysis options that name variables (centering, reference levels) against the data set, so
 * that a typo is an error naming the closest column or the existing levels instead of an option silently
 * ignored.
 */
final class RequestCheck {
    private RequestCheck() {
    }

    static void check(Dataset data, ModelSpec spec) {
        for (Centering c : spec.centering()) {
            column(data, c.variable(), "centering option");
            if (c.cluster() != null) column(data, c.cluster(), "centering option for " + c.variable());
        }
        for (Map.Entry<String, String> r : spec.referenceLevels().entrySet()) {
            if (r.getKey().contains("(") && data.column(r.getKey()).isEmpty()) continue; // a term label: the formula checks it
            Column column = column(data, r.getKey(), "reference level option");
            List<String> levels = levels(column);
            if (!levels.contains(r.getValue()) && !numericMatch(column, r.getValue())) {
                throw new MultilevelException("the reference level '" + r.getValue() + "' of " + r.getKey()
                        + " does not occur in the data; its levels are " + shortList(levels));
            }
        }
    }

    private static Column column(Dataset data, String name, String what) {
        return data.column(name).orElseThrow(() -> new MultilevelException("the " + what + " names '" + name
                + "', which is not a column of the data set" + Suggest.closest(name, data.columnNames())
                + "; columns are " + shortList(data.columnNames())));
    }

    private static List<String> levels(Column column) {
        if (column instanceof CategoricalColumn c) return c.levels();
        List<String> out = new ArrayList<>();
        java.util.TreeSet<Double> distinct = new java.util.TreeSet<>();
        for (double v : ((NumericColumn) column).values()) {
            if (!Double.isNaN(v)) distinct.add(v);
            if (distinct.size() > 50) break;
        }
        for (double v : distinct) out.add(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v));
        return out;
    }

    private static boolean numericMatch(Column column, String level) {
        if (!(column instanceof NumericColumn n)) return false;
        double target;
        try {
            target = Double.parseDouble(level.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        for (double v : n.values()) {
            if (v == target) return true;
        }
        return false;
    }

    private static String shortList(List<String> names) {
        if (names.size() <= 12) return String.join(", ", names);
        return String.join(", ", names.subList(0, 12)) + ", ... (" + names.size() + " in all)";
    }

    /** The closest name by edit distance, as " (did you mean x?)", or nothing. */
    static final class Suggest {
        private Suggest() {
        }

        static String closest(String typed, List<String> names) {
            return ClosestName.among(typed, names, Math.max(2, typed.length() / 3))
                    .map(best -> " (did you mean " + best + "?)").orElse("");
        }
    }
}
