package org.multilevel.inference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.FixedDesign;
import org.multilevel.api.model.RandomTerm;
import org.multilevel.inference.internal.Partition;

/**
 * HLM's chi-square test that a random coefficient's variance is zero (Raudenbush and Bryk 2002, section 3.7):
 * chi2_q = sum_j (b_qj - sum_s g_qs W_sj)^2 / V_qqj over the clusters with enough data, where b_j is the
 * cluster's OLS estimate of the level-1 model, V_j = sigma2 (X1_j'X1_j)^-1 its sampling covariance, and the
 * g_qs W_sj the fitted level-2 prediction of coefficient q; df = J' - (number of level-2 coefficients of q).
 *
 * <p>The two-level structure is read from the fixed-effects columns: a column constant within clusters belongs
 * to the intercept's equation; a column that varies is a level-1 predictor q, or q times a cluster-level
 * variable W (an interaction such as meanses:cses), which then belongs to q's equation. Only two-level models
 * (one grouping factor) are tested. Stateless.
 */
public final class VarianceChiSquare {

    /** The test of one random coefficient. */
    public record Result(String coefficient, double chiSquare, int df, double p, int clustersUsed, int clusters) {
    }

    private VarianceChiSquare() {
    }

    public static List<Result> test(DesignMatrices design, double[] beta, double sigma2) {
        List<RandomTerm> terms = design.random();
        int n = design.rows();
        if (terms.isEmpty()) throw new MultilevelException("The variance chi-square test needs a random term.");
        String group = terms.get(0).group();
        for (RandomTerm t : terms) {
            if (!sameFactor(t, terms.get(0), n)) {
                throw new MultilevelException("The variance chi-square test is for two-level models with one"
                        + " grouping factor; this model has " + terms.get(0).group() + " and " + t.group() + ".");
            }
        }
        RandomTerm cluster = terms.get(0);
        FixedDesign x = design.fixed();
        int p = x.columns();
        Partition part = Partition.byTerm(terms, 0, n);
        boolean[] constant = new boolean[p];
        for (int j = 0; j < p; j++) constant[j] = constantWithin(x, j, part);

        // level-1 coefficient of every column: -1 = intercept equation, else the index of the column q
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (int j = 0; j < p; j++) byName.put(x.columnNames().get(j), j);
        int intercept = -1;
        for (int j = 0; j < p; j++) if (x.assign()[j] < 0) intercept = j;
        if (intercept < 0) throw new MultilevelException("The variance chi-square test needs a model with an intercept.");
        int[] base = new int[p];
        for (int j = 0; j < p; j++) {
            if (constant[j]) {
                base[j] = intercept;
                continue;
            }
            List<String> level1 = new ArrayList<>();
            for (String part1 : splitColon(x.columnNames().get(j))) {
                Integer k = byName.get(part1);
                if (k == null || !constant[k]) level1.add(part1);
            }
            Integer q = byName.get(String.join(":", level1));
            if (q == null) {
                throw new MultilevelException("The variance chi-square test cannot place column "
                        + x.columnNames().get(j) + " in a level-1 coefficient's equation.");
            }
            base[j] = q;
        }
        List<Integer> level1Cols = new ArrayList<>();
        for (int j = 0; j < p; j++) if (base[j] == j) level1Cols.add(j);
        int k1 = level1Cols.size();

        // random coefficients: effects of the clustering terms, named like level-1 columns
        List<Integer> tested = new ArrayList<>();
        for (RandomTerm t : terms) {
            for (String e : t.effectNames()) {
                Integer col = byName.get(e);
                if (col == null || base[col] != col) {
                    throw new MultilevelException("The variance chi-square test needs random effect " + e
                            + " to be a level-1 fixed effect too.");
                }
                if (!tested.contains(col)) tested.add(col);
            }
        }

        double[] chi = new double[tested.size()];
        int used = 0;
        for (int b = 0; b < part.blocks(); b++) {
            int from = part.blockStart()[b];
            int to = part.blockStart()[b + 1];
            int nj = to - from;
            if (nj <= k1) continue;
            DMatrixRMaj xtx = new DMatrixRMaj(k1, k1);
            DMatrixRMaj xty = new DMatrixRMaj(k1, 1);
            for (int idx = from; idx < to; idx++) {
                int i = part.rowOrder()[idx];
                for (int a = 0; a < k1; a++) {
                    double va = x.get(i, level1Cols.get(a));
                    xty.add(a, 0, va * design.y()[i]);
                    for (int c = 0; c < k1; c++) xtx.add(a, c, va * x.get(i, level1Cols.get(c)));
                }
            }
            DMatrixRMaj inv = new DMatrixRMaj(k1, k1);
            if (!CommonOps_DDRM.invert(xtx.copy(), inv) || CommonOps_DDRM.det(xtx) <= 1e-10 * scale(xtx)) continue;
            DMatrixRMaj bj = new DMatrixRMaj(k1, 1);
            CommonOps_DDRM.mult(inv, xty, bj);
            used++;
            for (int t = 0; t < tested.size(); t++) {
                int q = tested.get(t);
                int pos = level1Cols.indexOf(q);
                double predicted = 0;
                for (int j = 0; j < p; j++) {
                    if (base[j] != q) continue;
                    predicted += beta[j] * levelTwoValue(x, j, q, part, from, to);
                }
                double d = bj.get(pos) - predicted;
                chi[t] += d * d / (sigma2 * inv.get(pos, pos));
            }
        }
        List<Result> out = new ArrayList<>();
        for (int t = 0; t < tested.size(); t++) {
            int q = tested.get(t);
            int gammas = 0;
            for (int j = 0; j < p; j++) if (base[j] == q) gammas++;
            int df = used - gammas;
            if (df < 1) {
                throw new MultilevelException("The variance chi-square test has no degrees of freedom: " + used
                        + " of " + cluster.levelCount() + " levels of " + group + " have enough data.");
            }
            double pv = org.apache.commons.math3.special.Gamma.regularizedGammaQ(df / 2.0, chi[t] / 2.0);
            out.add(new Result(x.columnNames().get(q), chi[t], df, pv, used, cluster.levelCount()));
        }
        return out;
    }

    /** The cluster-level multiplier W of column j = q * W within the cluster rows (1 for q itself). */
    private static double levelTwoValue(FixedDesign x, int j, int q, Partition part, int from, int to) {
        if (j == q) return 1.0;
        for (int idx = from; idx < to; idx++) {
            int i = part.rowOrder()[idx];
            double xq = x.get(i, q);
            if (Math.abs(xq) > 1e-8) return x.get(i, j) / xq;
        }
        return 0.0;
    }

    private static double scale(DMatrixRMaj a) {
        double s = 1;
        for (int i = 0; i < a.numRows; i++) s *= Math.max(a.get(i, i), 1e-300);
        return s;
    }

    private static boolean constantWithin(FixedDesign x, int j, Partition part) {
        for (int b = 0; b < part.blocks(); b++) {
            int from = part.blockStart()[b];
            int to = part.blockStart()[b + 1];
            if (to <= from) continue;
            double first = x.get(part.rowOrder()[from], j);
            for (int idx = from + 1; idx < to; idx++) {
                if (Math.abs(x.get(part.rowOrder()[idx], j) - first) > 1e-10 * Math.max(1, Math.abs(first))) return false;
            }
        }
        return true;
    }

    private static boolean sameFactor(RandomTerm a, RandomTerm b, int n) {
        int[] map = new int[a.levelCount()];
        java.util.Arrays.fill(map, -1);
        for (int i = 0; i < n; i++) {
            int la = a.levelOfRow()[i];
            int lb = b.levelOfRow()[i];
            if (map[la] < 0) map[la] = lb;
            else if (map[la] != lb) return false;
        }
        return a.levelCount() == b.levelCount();
    }

    private static List<String> splitColon(String name) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '(') depth++;
            else if (ch == ')') depth--;
            else if (ch == ':' && depth == 0) {
                out.add(name.substring(start, i));
                start = i + 1;
            }
        }
        out.add(name.substring(start));
        return out;
    }
}
