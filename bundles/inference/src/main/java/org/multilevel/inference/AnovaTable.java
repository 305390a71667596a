package org.multilevel.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.fit.ContrastTest;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.FixedDesign;
import org.multilevel.inference.internal.FixedTerms;

/**
 * Omnibus F tests of the fixed terms, as lmerTest's {@code anova(model, type = 2 | 3, ddf = ...)} builds them:
 * <ul>
 * <li>Type III: lmerTest's construction for treatment contrasts. The full (over-parametrized) coding of every
 * term is expressed in the model's columns (least squares), the contrasts of a term are orthogonalized against
 * those of the terms that contain it (higher order first), and the rows that belong to the model's columns
 * are kept. A term T is contained in U when U has all of T's variables and more, and the same numeric
 * variables, so numeric covariates are tested at 0 and their interactions do not absorb them.</li>
 * <li>Type II: a term contained in no other is tested by its coefficients; otherwise by its sequential
 * (type I) contrast after every term unrelated to it and before the terms containing it.</li>
 * </ul>
 * With a single term (or a single column) both reduce to the test of that term's coefficients. Each test runs
 * through {@link FittedModel#test} with the chosen ddf method; one-row tests report F = t². Stateless.
 */
public final class AnovaTable {

    /** Which hypotheses each row tests. */
    public enum Type {
        II, III;

        /** "2", "II", "3", "III" (any case); "true" means III. */
        public static Type parse(String text) {
            String t = text.trim().toUpperCase(java.util.Locale.ROOT);
            switch (t) {
                case "2": case "II": case "TYPE2": case "TYPEII":
                    return II;
                case "3": case "III": case "TYPE3": case "TYPEIII": case "TRUE":
                    return III;
                default:
                    throw new MultilevelException("Unknown anova type '" + text + "' (use 2, 3, II or III).");
            }
        }
    }

    /** One row of the table. */
    public record Row(String term, double numDf, double denDf, double f, double p) {
    }

    /** The contrast matrix (rows x p) that tests one term. */
    public record TermContrast(String term, double[][] matrix) {
    }

    private AnovaTable() {
    }

    /**
     * The table for a fitted model.
     *
     * @param data the data set the model was fitted on; needed only for a variable that appears in an
     *             interaction but not as a main effect (may be null otherwise)
     */
    public static List<Row> compute(FittedModel model, Type type, DdfMethod ddf, Dataset data) {
        List<Row> rows = new ArrayList<>();
        for (TermContrast tc : contrasts(model.design(), type, data)) {
            ContrastTest t = model.test(tc.matrix(), ddf);
            double f = Double.isNaN(t.estimate()) ? t.statistic() : t.statistic() * t.statistic();
            rows.add(new Row(tc.term(), t.numDf(), t.denDf(), f, t.p()));
        }
        return rows;
    }

    /** The contrast matrix of every fixed term, in the formula's term order (terms without columns skipped). */
    public static List<TermContrast> contrasts(DesignMatrices design, Type type, Dataset data) {
        FixedDesign x = design.fixed();
        int p = x.columns();
        FixedTerms terms = new FixedTerms(design, data);
        List<TermContrast> out = new ArrayList<>();
        if (p <= 1 || terms.terms() <= 1) {
            for (int t = 0; t < terms.terms(); t++) {
                int[] cols = terms.columns(t);
                if (cols.length > 0) out.add(new TermContrast(terms.label(t), coefficientRows(cols, p)));
            }
            return out;
        }
        double[][][] perTerm = type == Type.III ? typeThree(design, terms) : typeTwo(design, terms);
        for (int t = 0; t < terms.terms(); t++) {
            if (perTerm[t] != null && perTerm[t].length > 0) out.add(new TermContrast(terms.label(t), perTerm[t]));
        }
        return out;
    }

    private static double[][] coefficientRows(int[] cols, int p) {
        double[][] l = new double[cols.length][p];
        for (int r = 0; r < cols.length; r++) l[r][cols[r]] = 1;
        return l;
    }

    // ---- type II ----

    private static double[][][] typeTwo(DesignMatrices design, FixedTerms terms) {
        FixedDesign x = design.fixed();
        int p = x.columns();
        DMatrixRMaj xtx = crossproduct(design);
        double[][][] out = new double[terms.terms()][][];
        for (int t = 0; t < terms.terms(); t++) {
            int[] cols = terms.columns(t);
            List<Integer> containing = terms.containing(t);
            if (containing.isEmpty()) {
                out[t] = coefficientRows(cols, p);
                continue;
            }
            boolean[] late = new boolean[p];
            List<Integer> order = new ArrayList<>();
            for (int c : cols) late[c] = true;
            for (int s : containing) for (int c : terms.columns(s)) late[c] = true;
            for (int j = 0; j < p; j++) if (!late[j]) order.add(j);
            int termStart = order.size();
            for (int c : cols) order.add(c);
            for (int s : containing) for (int c : terms.columns(s)) order.add(c);
            DMatrixRMaj reordered = new DMatrixRMaj(p, p);
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) reordered.set(a, b, xtx.get(order.get(a), order.get(b)));
            }
            CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(p, false);
            if (!chol.decompose(reordered)) {
                throw new MultilevelException("Type II anova: the fixed-effects columns are collinear.");
            }
            DMatrixRMaj r = chol.getT(null); // upper triangular, X'X = R'R
            double[][] l = new double[cols.length][p];
            for (int k = 0; k < cols.length; k++) {
                int row = termStart + k;
                double d = r.get(row, row);
                for (int b = row; b < p; b++) l[k][order.get(b)] = r.get(row, b) / d;
            }
            out[t] = l;
        }
        return out;
    }

    // ---- type III ----

    private static double[][][] typeThree(DesignMatrices design, FixedTerms terms) {
        FixedDesign x = design.fixed();
        int n = design.rows();
        int p = x.columns();
        // full coding: intercept, then every term's over-parametrized block
        List<double[]> full = new ArrayList<>();
        List<Integer> fullTerm = new ArrayList<>();
        if (terms.hasIntercept()) {
            double[] one = new double[n];
            Arrays.fill(one, 1.0);
            full.add(one);
            fullTerm.add(-1);
        }
        for (int t = 0; t < terms.terms(); t++) {
            for (double[] c : terms.fullCoding(t)) {
                full.add(c);
                fullTerm.add(t);
            }
        }
        int m = full.size();
        // B = (X'X)^-1 X' F (p x m); L = B' (m x p)
        DMatrixRMaj xtx = crossproduct(design);
        DMatrixRMaj xtf = new DMatrixRMaj(p, m);
        for (int c = 0; c < m; c++) {
            double[] f = full.get(c);
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int i = 0; i < n; i++) s += x.get(i, j) * f[i];
                xtf.set(j, c, s);
            }
        }
        DMatrixRMaj b = new DMatrixRMaj(p, m);
        if (!CommonOps_DDRM.solve(xtx, xtf, b)) {
            throw new MultilevelException("Type III anova: the fixed-effects columns are collinear.");
        }
        double[][] l = new double[m][p];
        for (int c = 0; c < m; c++) for (int j = 0; j < p; j++) l[c][j] = zap(b.get(j, c));

        // orthogonalize the contrasts of contained terms against those of the terms containing them,
        // higher-order terms first (stable within an order)
        List<Integer> order = new ArrayList<>();
        for (int t = 0; t < terms.terms(); t++) order.add(t);
        order.sort((a, c) -> Integer.compare(terms.order(c), terms.order(a)));
        for (int t : order) {
            List<Integer> containing = terms.containing(t);
            if (containing.isEmpty()) continue;
            int[] cols = terms.columns(t);
            List<Integer> zc = new ArrayList<>();
            for (int s : containing) for (int c : terms.columns(s)) zc.add(c);
            residualize(l, cols, zc.stream().mapToInt(Integer::intValue).toArray());
        }

        // the full-coding column behind each model column (equal values within the same term)
        int[] match = new int[p];
        for (int j = 0; j < p; j++) {
            int term = x.assign()[j];
            match[j] = -1;
            for (int c = 0; c < m && match[j] < 0; c++) {
                if (fullTerm.get(c) != term) continue;
                if (sameColumn(design, j, full.get(c))) match[j] = c;
            }
            if (match[j] < 0) {
                throw new MultilevelException("Type III anova: column " + x.columnNames().get(j)
                        + " is not in treatment coding; use type II.");
            }
        }
        double[][][] out = new double[terms.terms()][][];
        for (int t = 0; t < terms.terms(); t++) {
            List<double[]> rows = new ArrayList<>();
            for (int col : terms.columns(t)) {
                double[] row = new double[p];
                boolean nonzero = false;
                for (int k = 0; k < p; k++) {
                    row[k] = l[match[k]][col];
                    if (Math.abs(row[k]) > 1e-8) nonzero = true;
                }
                if (nonzero) rows.add(row);
            }
            out[t] = rows.toArray(new double[0][]);
        }
        return out;
    }

    /** Replaces columns {@code cols} of l by their residuals after projection on the span of columns {@code on}. */
    private static void residualize(double[][] l, int[] cols, int[] on) {
        int m = l.length;
        DMatrixRMaj z = new DMatrixRMaj(m, on.length);
        for (int r = 0; r < m; r++) for (int k = 0; k < on.length; k++) z.set(r, k, l[r][on[k]]);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m, on.length, true, false, true);
        if (!svd.decompose(z)) throw new MultilevelException("Type III anova: contrast construction failed.");
        DMatrixRMaj u = svd.getU(null, false);
        double[] sv = svd.getSingularValues();
        double max = 0;
        for (double v : sv) max = Math.max(max, v);
        for (int c : cols) {
            double[] y = new double[m];
            for (int r = 0; r < m; r++) y[r] = l[r][c];
            for (int k = 0; k < sv.length; k++) {
                if (sv[k] <= 1e-10 * Math.max(1, max)) continue;
                double dot = 0;
                for (int r = 0; r < m; r++) dot += u.get(r, k) * y[r];
                for (int r = 0; r < m; r++) y[r] -= dot * u.get(r, k);
            }
            for (int r = 0; r < m; r++) l[r][c] = zap(y[r]);
        }
    }

    private static boolean sameColumn(DesignMatrices design, int j, double[] f) {
        FixedDesign x = design.fixed();
        for (int i = 0; i < design.rows(); i++) {
            double a = x.get(i, j);
            if (Math.abs(a - f[i]) > 1e-10 * Math.max(1, Math.abs(a))) return false;
        }
        return true;
    }

    private static double zap(double v) {
        return Math.abs(v) < 1e-12 ? 0.0 : v;
    }

    private static DMatrixRMaj crossproduct(DesignMatrices design) {
        FixedDesign x = design.fixed();
        int p = x.columns();
        int n = design.rows();
        double[] v = x.values();
        DMatrixRMaj xtx = new DMatrixRMaj(p, p);
        for (int i = 0; i < n; i++) {
            int o = i * p;
            for (int a = 0; a < p; a++) {
                double va = v[o + a];
                if (va == 0) continue;
                for (int b = 0; b < p; b++) xtx.data[a * p + b] += va * v[o + b];
            }
        }
        return xtx;
    }
}
