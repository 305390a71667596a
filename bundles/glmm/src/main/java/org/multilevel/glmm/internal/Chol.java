package org.multilevel.glmm.internal;

/**
 * In-place Cholesky of small dense symmetric blocks stored row-major in a larger array (the per-cluster blocks
 * of the penalized system); kept on primitive arrays so a deviance evaluation allocates nothing.
 */
final class Chol {
    private Chol() {
    }

    /** Lower factor in place (upper triangle left untouched); false if not positive definite. */
    static boolean factor(double[] a, int off, int n) {
        for (int j = 0; j < n; j++) {
            int rj = off + j * n;
            double d = a[rj + j];
            for (int k = 0; k < j; k++) d -= a[rj + k] * a[rj + k];
            if (!(d > 0)) return false;
            d = Math.sqrt(d);
            a[rj + j] = d;
            for (int i = j + 1; i < n; i++) {
                int ri = off + i * n;
                double s = a[ri + j];
                for (int k = 0; k < j; k++) s -= a[ri + k] * a[rj + k];
                a[ri + j] = s / d;
            }
        }
        return true;
    }

    /** Solves L x = b in place. */
    static void forward(double[] l, int off, int n, double[] b, int boff) {
        for (int i = 0; i < n; i++) {
            int ri = off + i * n;
            double s = b[boff + i];
            for (int k = 0; k < i; k++) s -= l[ri + k] * b[boff + k];
            b[boff + i] = s / l[ri + i];
        }
    }

    /** Solves L' x = b in place. */
    static void backward(double[] l, int off, int n, double[] b, int boff) {
        for (int i = n - 1; i >= 0; i--) {
            double s = b[boff + i];
            for (int k = i + 1; k < n; k++) s -= l[off + k * n + i] * b[boff + k];
            b[boff + i] = s / l[off + i * n + i];
        }
    }

    /** log det of L L' = 2 sum log diag L. */
    static double logDet(double[] l, int off, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += Math.log(l[off + i * n + i]);
        return 2 * s;
    }

    /** (L L')^-1 as a full n x n row-major matrix. */
    static double[] inverse(double[] l, int off, int n) {
        double[] inv = new double[n * n];
        double[] e = new double[n];
        for (int c = 0; c < n; c++) {
            java.util.Arrays.fill(e, 0);
            e[c] = 1;
            forward(l, off, n, e, 0);
            backward(l, off, n, e, 0);
            for (int r = 0; r < n; r++) inv[r * n + c] = e[r];
        }
        return inv;
    }
}
