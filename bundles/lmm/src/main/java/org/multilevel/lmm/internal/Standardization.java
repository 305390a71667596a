package org.multilevel.lmm.internal;

import java.util.ArrayList;
import java.util.List;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.FixedDesign;
import org.multilevel.api.model.RandomTerm;

/**
 * The model refitted internally on centred and scaled columns, so that the optimum does not depend on where
 * a predictor's zero lies or on its unit (an uncentred slope makes theta badly scaled and the criterion
 * numerically flat in some directions). Each block of columns (X, and the Z of each random term) is
 * transformed as v~ = v M: a column is divided by its standard deviation and, only where the block holds an
 * intercept column (so that the span is unchanged), centred first. Then X beta = X~ beta~ gives
 * beta = M beta~, and Z b = Z~ b~ gives b = A b~ per term. The REML criterion changes by the constant
 * 2 log|det M| (log|R_X~|^2 = log|R_X|^2 + 2 log|det M|); the ML deviance does not change.
 *
 * @param inner   the same model on the transformed columns
 * @param fixed   M of the fixed effects (p x p, row-major): beta = M beta~
 * @param random  A of each random term in the design's order (q x q, row-major): b = A b~
 * @param randomInverse A^-1 of each random term: b~ = A^-1 b
 * @param logDetFixed log|det M|
 */
public record Standardization(DesignMatrices inner, double[] fixed, List<double[]> random,
                              List<double[]> randomInverse, double logDetFixed) {
    private static final String INTERCEPT = "(Intercept)";

    public static Standardization of(DesignMatrices design) {
        FixedDesign fd = design.fixed();
        int n = design.rows();
        Block x = Block.of(fd.values(), n, fd.columns(), fd.columnNames().indexOf(INTERCEPT));
        FixedDesign innerFixed = new FixedDesign(fd.columnNames(), x.values, fd.assign(), fd.termLabels(),
                fd.dropped());
        List<RandomTerm> terms = new ArrayList<>();
        List<double[]> a = new ArrayList<>();
        List<double[]> aInv = new ArrayList<>();
        for (RandomTerm t : design.random()) {
            Block z = Block.of(t.z(), n, t.effects(), t.effectNames().indexOf(INTERCEPT));
            terms.add(new RandomTerm(t.group(), t.levels(), t.levelOfRow(), t.effectNames(), z.values));
            a.add(z.matrix());
            aInv.add(z.inverse());
        }
        DesignMatrices inner = new DesignMatrices(design.spec(), design.y(), design.weights(), design.offset(),
                innerFixed, terms, design.dataRows(), design.notes());
        return new Standardization(inner, x.matrix(), List.copyOf(a), List.copyOf(aInv), x.logDet());
    }

    /**
     * One block of columns: column j becomes (v_j - centre_j) / scale_j; the intercept column and columns
     * that are constant (or not finite: the fit reports those) stay as they are.
     */
    private record Block(double[] values, int cols, int intercept, double[] centre, double[] scale) {
        static Block of(double[] v, int n, int cols, int intercept) {
            double[] centre = new double[cols];
            double[] scale = new double[cols];
            java.util.Arrays.fill(scale, 1.0);
            for (int j = 0; j < cols; j++) {
                if (j == intercept) continue;
                double mean = 0;
                if (intercept >= 0) {
                    for (int i = 0; i < n; i++) mean += v[i * cols + j];
                    mean /= n;
                }
                double ss = 0;
                for (int i = 0; i < n; i++) {
                    double d = v[i * cols + j] - mean;
                    ss += d * d;
                }
                double sd = Math.sqrt(ss / n);
                if (!(sd > 0) || !Double.isFinite(sd) || !Double.isFinite(mean)) continue;
                centre[j] = mean;
                scale[j] = sd;
            }
            double[] out = new double[v.length];
            for (int i = 0; i < n; i++) {
                int o = i * cols;
                for (int j = 0; j < cols; j++) out[o + j] = (v[o + j] - centre[j]) / scale[j];
            }
            return new Block(out, cols, intercept, centre, scale);
        }

        /** M with v~ = v M: M_jj = 1 / scale_j, M_(intercept) j = -centre_j / scale_j. */
        double[] matrix() {
            double[] m = new double[cols * cols];
            for (int j = 0; j < cols; j++) {
                m[j * cols + j] = 1 / scale[j];
                if (intercept >= 0 && j != intercept) m[intercept * cols + j] = -centre[j] / scale[j];
            }
            return m;
        }

        /** M^-1: M^-1_jj = scale_j, M^-1_(intercept) j = centre_j. */
        double[] inverse() {
            double[] m = new double[cols * cols];
            for (int j = 0; j < cols; j++) {
                m[j * cols + j] = scale[j];
                if (intercept >= 0 && j != intercept) m[intercept * cols + j] = centre[j];
            }
            return m;
        }

        double logDet() {
            double s = 0;
            for (double sc : scale) s -= Math.log(sc);
            return s;
        }
    }

    /** Theta of the original columns from theta of the internal ones. */
    public double[] thetaToOriginal(RandomStructure structure, double[] inner) {
        return mapTheta(structure, random, inner);
    }

    /** Theta of the internal columns from theta of the original ones. */
    public double[] thetaToInner(RandomStructure structure, double[] original) {
        return mapTheta(structure, randomInverse, original);
    }

    /**
     * Maps theta between parametrizations: for each term, the lower-triangular factor L' of
     * C L L^T C^T, with C = A (internal to original) or A^-1 (original to internal).
     */
    static double[] mapTheta(RandomStructure structure, List<double[]> transforms, double[] theta) {
        double[] out = new double[theta.length];
        for (RandomStructure.Term t : structure.terms()) {
            int q = t.q();
            double[] c = transforms.get(t.designIndex());
            double[] l = new double[q * q];
            int idx = t.thetaOffset();
            for (int col = 0; col < q; col++)
                for (int r = col; r < q; r++) l[r * q + col] = theta[idx++];
            double[] cl = multiply(c, l, q);
            double[] lower = lowerFactor(cl, q);
            idx = t.thetaOffset();
            for (int col = 0; col < q; col++)
                for (int r = col; r < q; r++) out[idx++] = lower[r * q + col];
        }
        return out;
    }

    /**
     * The lower-triangular L with non-negative diagonal and L L^T = B B^T (B square), by Householder
     * reflections of B^T: B^T = Q R gives L = R^T. Unlike a Cholesky of B B^T, it stays accurate when
     * B B^T is singular (a boundary fit).
     */
    static double[] lowerFactor(double[] b, int q) {
        // work on R = B^T, row-major q x q
        double[] r = new double[q * q];
        for (int i = 0; i < q; i++)
            for (int j = 0; j < q; j++) r[i * q + j] = b[j * q + i];
        for (int k = 0; k < q; k++) {
            double norm = 0;
            for (int i = k; i < q; i++) norm += r[i * q + k] * r[i * q + k];
            norm = Math.sqrt(norm);
            if (norm == 0) continue;
            double alpha = r[k * q + k] > 0 ? -norm : norm;
            double[] v = new double[q];
            for (int i = k; i < q; i++) v[i] = r[i * q + k];
            v[k] -= alpha;
            double vv = 0;
            for (int i = k; i < q; i++) vv += v[i] * v[i];
            if (vv == 0) continue;
            for (int j = k; j < q; j++) {
                double s = 0;
                for (int i = k; i < q; i++) s += v[i] * r[i * q + j];
                s = 2 * s / vv;
                for (int i = k; i < q; i++) r[i * q + j] -= s * v[i];
            }
            for (int i = k + 1; i < q; i++) r[i * q + k] = 0;
        }
        double[] l = new double[q * q];
        for (int i = 0; i < q; i++) {
            double sign = r[i * q + i] < 0 ? -1 : 1;   // rows of R with a negative diagonal flip sign
            for (int j = i; j < q; j++) l[j * q + i] = sign * r[i * q + j];
        }
        return l;
    }

    static double[] multiply(double[] a, double[] b, int q) {
        double[] out = new double[q * q];
        for (int i = 0; i < q; i++)
            for (int k = 0; k < q; k++) {
                double v = a[i * q + k];
                if (v == 0) continue;
                for (int j = 0; j < q; j++) out[i * q + j] += v * b[k * q + j];
            }
        return out;
    }

    /** M V M^T for a p x p matrix V. */
    static double[] congruence(double[] m, double[] v, int p) {
        double[] mv = multiply(m, v, p);
        double[] out = new double[p * p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int k = 0; k < p; k++) s += mv[i * p + k] * m[j * p + k];
                out[i * p + j] = s;
            }
        return out;
    }

    /** M x. */
    static double[] apply(double[] m, double[] x, int p) {
        double[] out = new double[p];
        for (int i = 0; i < p; i++) {
            double s = 0;
            for (int j = 0; j < p; j++) s += m[i * p + j] * x[j];
            out[i] = s;
        }
        return out;
    }
}
