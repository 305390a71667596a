package org.multilevel.formula.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.multilevel.api.MultilevelException;

/**
 * R's {@code model.matrix} for evaluated terms: an intercept column, numeric variables as they are,
 * factors in treatment coding where the term's margin is in the model (R's rule from "Statistical Models
 * in S"), full indicator coding where it is not, interactions as products with the first variable varying
 * fastest, and R's column names.
 */
public final class DesignBuilder {
    /** A model matrix: n x p row-major, R's column names and assign (-1 for the intercept). */
    public record Matrix(List<String> names, double[] values, int[] assign, int rows) {
        public int columns() {
            return names.size();
        }
    }

    private DesignBuilder() {
    }

    /**
     * @param terms  the terms (variables in order of appearance, terms ordered by degree)
     * @param values each variable's value (only those used by a term are read)
     * @param n      number of rows
     */
    public static Matrix build(Terms terms, List<Value> values, int n) {
        int nTerms = terms.terms().size();
        int nVars = terms.variables().size();
        // coding[t][v]: 1 = contrasts, 2 = full indicators (R's TermCode)
        int[][] coding = new int[nTerms][nVars];
        for (int t = 0; t < nTerms; t++) {
            BitSet term = terms.terms().get(t);
            for (int v = term.nextSetBit(0); v >= 0; v = term.nextSetBit(v + 1)) {
                coding[t][v] = termCode(terms.terms(), t, v);
            }
        }
        if (!terms.intercept()) {
            // without an intercept the first factor of the first term holding one gets all its levels
            outer:
            for (int t = 0; t < nTerms; t++) {
                BitSet term = terms.terms().get(t);
                for (int v = term.nextSetBit(0); v >= 0; v = term.nextSetBit(v + 1)) {
                    if (values.get(v) instanceof Value.Factor f && f.levelCount() > 1) {
                        coding[t][v] = 2;
                        break outer;
                    }
                }
            }
        }

        List<String> names = new ArrayList<>();
        List<Integer> assign = new ArrayList<>();
        List<int[]> pieces = new ArrayList<>(); // per column: term, then per-variable level index (or -1)
        if (terms.intercept()) {
            names.add("(Intercept)");
            assign.add(-1);
            pieces.add(null);
        }
        for (int t = 0; t < nTerms; t++) {
            BitSet term = terms.terms().get(t);
            int[] vars = term.stream().toArray();
            int[] counts = new int[vars.length];
            long total = 1;
            for (int k = 0; k < vars.length; k++) {
                Value v = values.get(vars[k]);
                if (v instanceof Value.Factor f) {
                    if (coding[t][vars[k]] == 1 && f.levelCount() < 2) {
                        throw new MultilevelException("the predictor '" + terms.variableLabels().get(vars[k])
                                + "' has only one level (" + (f.levelCount() == 1 ? f.levels().get(0) : "none")
                                + ") among the analysed rows, so it cannot be in the model");
                    }
                    counts[k] = coding[t][vars[k]] == 1 ? f.levelCount() - 1 : f.levelCount();
                } else {
                    counts[k] = 1;
                }
                total = (long) Math.min((double) total * counts[k], 1e15); // saturates: far beyond any array
            }
            if (total > 1) {
                StringBuilder label = new StringBuilder();
                for (int v : vars) label.append(label.length() == 0 ? "" : ":").append(terms.variableLabels().get(v));
                MatrixCost.require(n, names.size() + total, label.toString(), total);
            }
            for (int j = 0; j < total; j++) {
                int[] piece = new int[vars.length + 1];
                piece[0] = t;
                StringBuilder name = new StringBuilder();
                int rest = j;
                for (int k = 0; k < vars.length; k++) {
                    int idx = rest % counts[k];
                    rest /= counts[k];
                    String label = terms.variableLabels().get(vars[k]);
                    if (k > 0) name.append(':');
                    Value v = values.get(vars[k]);
                    if (v instanceof Value.Factor f) {
                        int level = coding[t][vars[k]] == 1 ? idx + 1 : idx;
                        piece[k + 1] = level;
                        name.append(label).append(f.levels().get(level));
                    } else {
                        piece[k + 1] = -1;
                        name.append(label);
                    }
                }
                names.add(name.toString());
                assign.add(t);
                pieces.add(piece);
            }
        }

        int p = names.size();
        double[] x = new double[n * p];
        for (int j = 0; j < p; j++) {
            int[] piece = pieces.get(j);
            if (piece == null) {
                for (int i = 0; i < n; i++) x[i * p + j] = 1.0;
                continue;
            }
            int[] vars = terms.terms().get(piece[0]).stream().toArray();
            for (int i = 0; i < n; i++) x[i * p + j] = 1.0;
            for (int k = 0; k < vars.length; k++) {
                Value v = values.get(vars[k]);
                if (v instanceof Value.Factor f) {
                    int level = piece[k + 1];
                    int[] codes = f.codes();
                    for (int i = 0; i < n; i++) {
                        if (codes[i] != level) x[i * p + j] = 0.0;
                    }
                } else {
                    double[] num = ((Value.Numeric) v).values();
                    for (int i = 0; i < n; i++) x[i * p + j] *= num[i];
                }
            }
        }
        int[] assignArray = new int[p];
        for (int j = 0; j < p; j++) assignArray[j] = assign.get(j);
        return new Matrix(List.copyOf(names), x, assignArray, n);
    }

    /**
     * R's TermCode: a variable of a term is coded by contrasts when the term without it is empty or is
     * contained in an earlier term, otherwise by indicators for all its levels.
     */
    static int termCode(List<BitSet> terms, int t, int v) {
        BitSet without = (BitSet) terms.get(t).clone();
        without.clear(v);
        if (without.isEmpty()) return 1;
        for (int s = 0; s < t; s++) {
            BitSet rest = (BitSet) without.clone();
            rest.andNot(terms.get(s));
            if (rest.isEmpty()) return 1;
        }
        return 2;
    }
}
