package org.multilevel.analysis.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.RandomTerm;

/**
 * Whether one model is a restriction of another, as far as can be shown from the two designs. Fixed parts
 * nest when the smaller X lies in the column space of the larger one. A random term of the smaller model
 * nests when a term of the larger model has the same grouping factor and all its effects (each term has an
 * unstructured covariance, so dropping effects or correlations is a restriction), or when its grouping factor
 * is nested in the larger term's factor and, within each level of that factor, its columns lie in the span of
 * the larger term's columns: {@code (1 | Worker/Machine)} in {@code (Machine | Worker)}, where the cell
 * intercepts of Worker:Machine are the Machine indicators, a fixed recoding of the intercept and Machine
 * dummies in every Worker (compound symmetry is a special case of the unstructured covariance).
 */
enum Nesting {
    /** Same effects on the same grouping factors, a subset of the fixed columns: the classic nested case. */
    NESTED,
    /** Nested by a recoding of the random effects (see above): the test is valid, the boundary mixture not known. */
    NESTED_BY_SPAN,
    /** The smaller model's fixed effects are not in the larger model's: not a restriction. */
    NOT_NESTED,
    /** Neither shown nor refuted. */
    UNKNOWN;

    private static final double TOLERANCE = 1e-8;

    static Nesting of(DesignMatrices small, DesignMatrices large) {
        if (!fixedSpanned(small, large)) return NOT_NESTED;
        boolean byName = new HashSet<>(large.fixed().columnNames()).containsAll(small.fixed().columnNames());
        boolean bySpan = false;
        for (RandomTerm s : small.random()) {
            if (sameFactorAndEffects(s, large.random())) continue;
            if (!spannedByATerm(s, large.random())) return UNKNOWN;
            bySpan = true;
        }
        return byName && !bySpan ? NESTED : NESTED_BY_SPAN;
    }

    private static boolean sameFactorAndEffects(RandomTerm s, List<RandomTerm> large) {
        for (RandomTerm l : large) {
            if (l.group().equals(s.group()) && l.effectNames().containsAll(s.effectNames())) return true;
        }
        return false;
    }

    /** Every column of the smaller X is a linear combination of the larger X's columns. */
    static boolean fixedSpanned(DesignMatrices small, DesignMatrices large) {
        int n = small.rows();
        int ps = small.fixed().columns();
        int pl = large.fixed().columns();
        List<double[]> basis = new ArrayList<>();
        for (int j = 0; j < pl; j++) {
            double[] c = new double[n];
            for (int i = 0; i < n; i++) c[i] = large.fixed().get(i, j);
            addToBasis(basis, c);
        }
        for (int j = 0; j < ps; j++) {
            double[] c = new double[n];
            for (int i = 0; i < n; i++) c[i] = small.fixed().get(i, j);
            if (!inSpan(basis, c)) return false;
        }
        return true;
    }

    /**
     * The term's factor is nested in the larger term's factor (each of its levels within one level there) and,
     * in each such level, each of its per-level columns is in the span of the larger term's columns.
     */
    private static boolean spannedByATerm(RandomTerm s, List<RandomTerm> large) {
        for (RandomTerm l : large) {
            if (spannedBy(s, l)) return true;
        }
        return false;
    }

    static boolean spannedBy(RandomTerm s, RandomTerm l) {
        int n = s.levelOfRow().length;
        if (l.levelOfRow().length != n) return false;
        int[] outer = new int[s.levelCount()];
        java.util.Arrays.fill(outer, -1);
        for (int i = 0; i < n; i++) {
            int a = s.levelOfRow()[i];
            int b = l.levelOfRow()[i];
            if (outer[a] == -1) outer[a] = b;
            else if (outer[a] != b) return false;
        }
        List<List<Integer>> rowsOf = new ArrayList<>();
        for (int g = 0; g < l.levelCount(); g++) rowsOf.add(new ArrayList<>());
        for (int i = 0; i < n; i++) rowsOf.get(l.levelOfRow()[i]).add(i);
        List<List<Integer>> innerOf = new ArrayList<>();
        for (int g = 0; g < l.levelCount(); g++) innerOf.add(new ArrayList<>());
        for (int a = 0; a < outer.length; a++) if (outer[a] >= 0) innerOf.get(outer[a]).add(a);
        int qs = s.effects();
        int ql = l.effects();
        for (int g = 0; g < l.levelCount(); g++) {
            List<Integer> rows = rowsOf.get(g);
            if (rows.isEmpty()) continue;
            List<double[]> basis = new ArrayList<>();
            for (int k = 0; k < ql; k++) {
                double[] c = new double[rows.size()];
                for (int r = 0; r < rows.size(); r++) c[r] = l.z()[rows.get(r) * ql + k];
                addToBasis(basis, c);
            }
            for (int a : innerOf.get(g)) {
                for (int k = 0; k < qs; k++) {
                    double[] c = new double[rows.size()];
                    for (int r = 0; r < rows.size(); r++) {
                        int i = rows.get(r);
                        c[r] = s.levelOfRow()[i] == a ? s.z()[i * qs + k] : 0;
                    }
                    if (!inSpan(basis, c)) return false;
                }
            }
        }
        return true;
    }

    /** Modified Gram-Schmidt with one re-orthogonalisation; dependent columns add nothing. */
    private static void addToBasis(List<double[]> basis, double[] c) {
        double norm0 = norm(c);
        if (norm0 == 0) return;
        for (int pass = 0; pass < 2; pass++) {
            for (double[] q : basis) {
                double d = dot(q, c);
                for (int i = 0; i < c.length; i++) c[i] -= d * q[i];
            }
        }
        double norm = norm(c);
        if (norm <= TOLERANCE * norm0 * Math.sqrt(c.length)) return;
        for (int i = 0; i < c.length; i++) c[i] /= norm;
        basis.add(c);
    }

    private static boolean inSpan(List<double[]> basis, double[] c) {
        double norm0 = norm(c);
        if (norm0 == 0) return true;
        double[] r = c.clone();
        for (int pass = 0; pass < 2; pass++) {
            for (double[] q : basis) {
                double d = dot(q, r);
                for (int i = 0; i < r.length; i++) r[i] -= d * q[i];
            }
        }
        return norm(r) <= 1e-6 * norm0;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
