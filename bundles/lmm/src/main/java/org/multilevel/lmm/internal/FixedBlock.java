package org.multilevel.lmm.internal;

/** The (p+1) x (p+1) Cholesky factor of the fixed-effects-and-response block: R_X, r_X and r. */
final class FixedBlock {
    private FixedBlock() {
    }

    /** log |R_X|^2 from the lower factor f (width x width, at off with stride). */
    static double ldRX2(double[] f, int off, int stride, int p) {
        double s = 0;
        for (int i = 0; i < p; i++) s += Math.log(f[off + i * stride + i]);
        return 2 * s;
    }

    static double r2(double[] f, int off, int stride, int p) {
        double r = f[off + p * stride + p];
        return r * r;
    }

    /** beta from L_X^T beta = c, where c is row p of the factor. */
    static double[] beta(double[] f, int off, int stride, int p) {
        double[] b = new double[p];
        for (int i = 0; i < p; i++) b[i] = f[off + p * stride + i];
        for (int i = p - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < p; k++) s -= f[off + k * stride + i] * b[k];
            b[i] = s / f[off + i * stride + i];
        }
        return b;
    }

    /** (L_X L_X^T)^-1. */
    static double[] inverse(double[] f, int off, int stride, int p) {
        double[] l = new double[p * p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j <= i; j++) l[i * p + j] = f[off + i * stride + j];
        double[] li = Small.invertLower(l, 0, p);
        return Small.crossprod(li, p);
    }
}
