package org.multilevel.formula.internal;

/**
 * lme4's check of the fixed-effects matrix: a column that is a linear combination of earlier columns
 * (its part orthogonal to them is below 1e-7 of its norm, R's {@code qr(X, tol = 1e-7)} with limited
 * pivoting) is dropped. A sequential Cholesky of X'X decides the clear cases in one pass over the rows;
 * only when a column comes near the tolerance is the Householder QR of X itself computed.
 */
public final class RankCheck {
    static final double TOLERANCE = 1e-7;
    /** Above this squared ratio the Cholesky decision cannot be wrong by rounding; below it QR decides. */
    private static final double CLEAR = 1e-9;

    private RankCheck() {
    }

    /** @return for each column whether it is kept */
    public static boolean[] keptColumns(double[] x, int n, int p) {
        double[] g = new double[p * p];
        for (int i = 0; i < n; i++) {
            int row = i * p;
            for (int a = 0; a < p; a++) {
                double xa = x[row + a];
                if (xa == 0) continue;
                for (int b = a; b < p; b++) g[a * p + b] += xa * x[row + b];
            }
        }
        boolean[] keep = new boolean[p];
        double[] l = new double[p * p];
        for (int j = 0; j < p; j++) {
            double norm2 = g[j * p + j];
            if (norm2 == 0) {
                keep[j] = false;
                continue;
            }
            // row j of L restricted to kept columns k < j
            for (int k = 0; k < j; k++) {
                if (!keep[k]) continue;
                double s = g[k * p + j];
                for (int m = 0; m < k; m++) {
                    if (keep[m]) s -= l[k * p + m] * l[j * p + m];
                }
                l[j * p + k] = s / l[k * p + k];
            }
            double d = norm2;
            for (int k = 0; k < j; k++) {
                if (keep[k]) d -= l[j * p + k] * l[j * p + k];
            }
            if (d <= CLEAR * norm2) return householder(x, n, p);
            keep[j] = true;
            l[j * p + j] = Math.sqrt(d);
        }
        return keep;
    }

    /** Householder QR in column order, dropping columns whose residual norm is below the tolerance. */
    static boolean[] householder(double[] x, int n, int p) {
        double[][] cols = new double[p][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) cols[j][i] = x[i * p + j];
        }
        double[] originalNorm = new double[p];
        for (int j = 0; j < p; j++) originalNorm[j] = norm(cols[j], 0, n);
        boolean[] keep = new boolean[p];
        double[][] reflectors = new double[p][];
        int rank = 0;
        for (int j = 0; j < p; j++) {
            double[] c = cols[j];
            for (int r = 0; r < rank; r++) apply(reflectors[r], r, c, n);
            double residual = norm(c, rank, n);
            if (originalNorm[j] == 0 || residual < TOLERANCE * originalNorm[j] || rank >= n) {
                continue;
            }
            keep[j] = true;
            // reflector v with v[rank..n) mapping c[rank..n) onto -sign(c_rank) * residual * e_rank
            double[] v = new double[n];
            double alpha = c[rank] >= 0 ? -residual : residual;
            for (int i = rank; i < n; i++) v[i] = c[i];
            v[rank] -= alpha;
            double vnorm = norm(v, rank, n);
            if (vnorm > 0) {
                for (int i = rank; i < n; i++) v[i] /= vnorm;
            }
            reflectors[rank] = v;
            apply(v, rank, c, n);
            rank++;
        }
        return keep;
    }

    private static void apply(double[] v, int from, double[] c, int n) {
        double dot = 0;
        for (int i = from; i < n; i++) dot += v[i] * c[i];
        dot *= 2;
        for (int i = from; i < n; i++) c[i] -= dot * v[i];
    }

    private static double norm(double[] c, int from, int n) {
        double scale = 0;
        for (int i = from; i < n; i++) scale = Math.max(scale, Math.abs(c[i]));
        if (scale == 0) return 0;
        double s = 0;
        for (int i = from; i < n; i++) {
            double t = c[i] / scale;
            s += t * t;
        }
        return scale * Math.sqrt(s);
    }
}
