package org.multilevel.lmm.internal;

/**
 * Kernels on small dense blocks stored row-major inside larger arrays (offset + row stride), so that the
 * per-level work of a deviance evaluation allocates nothing.
 */
final class Small {
    private Small() {
    }

    /** In-place lower Cholesky of the n x n block at off (stride n); false when not positive definite. */
    static boolean cholesky(double[] a, int off, int n) {
        return cholesky(a, off, n, n);
    }

    /** In-place lower Cholesky of the leading n x n block at off with row stride; upper part zeroed. */
    static boolean cholesky(double[] a, int off, int n, int stride) {
        for (int j = 0; j < n; j++) {
            int rj = off + j * stride;
            double s = a[rj + j];
            for (int k = 0; k < j; k++) {
                double v = a[rj + k];
                s -= v * v;
            }
            if (!(s > 0)) return false;
            double d = Math.sqrt(s);
            a[rj + j] = d;
            for (int i = j + 1; i < n; i++) {
                int ri = off + i * stride;
                double t = a[ri + j];
                for (int k = 0; k < j; k++) t -= a[ri + k] * a[rj + k];
                a[ri + j] = t / d;
            }
            for (int i = j + 1; i < n; i++) a[rj + i] = 0.0;
        }
        return true;
    }

    /** B := L^-1 B, L n x n lower at lOff (stride n), B n x c at bOff (stride c). */
    static void forwardSolve(double[] l, int lOff, int n, double[] b, int bOff, int c) {
        for (int i = 0; i < n; i++) {
            double d = l[lOff + i * n + i];
            for (int col = 0; col < c; col++) {
                double s = b[bOff + i * c + col];
                for (int k = 0; k < i; k++) s -= l[lOff + i * n + k] * b[bOff + k * c + col];
                b[bOff + i * c + col] = s / d;
            }
        }
    }

    /** x := L^-T x, L n x n lower at lOff, x a vector of n at xOff. */
    static void backSolveTransposed(double[] l, int lOff, int n, double[] x, int xOff) {
        for (int i = n - 1; i >= 0; i--) {
            double s = x[xOff + i];
            for (int k = i + 1; k < n; k++) s -= l[lOff + k * n + i] * x[xOff + k];
            x[xOff + i] = s / l[lOff + i * n + i];
        }
    }

    /**
     * C -= A^T B with A (n x r, stride as), B (n x s, stride bs), C (r x s, stride cs).
     */
    static void subtractAtB(double[] a, int aOff, int as, double[] b, int bOff, int bs, int n, int r, int s,
                            double[] c, int cOff, int cs) {
        for (int k = 0; k < n; k++) {
            int ak = aOff + k * as;
            int bk = bOff + k * bs;
            for (int i = 0; i < r; i++) {
                double v = a[ak + i];
                if (v == 0.0) continue;
                int ci = cOff + i * cs;
                for (int j = 0; j < s; j++) c[ci + j] -= v * b[bk + j];
            }
        }
    }

    /** out = La^T M Lb with M (qa x qb at mOff, stride qb), La qa x qa, Lb qb x qb (row-major, dense). */
    static void congruence(double[] la, int qa, double[] m, int mOff, double[] lb, int qb, double[] out,
                           int outOff, int outStride) {
        for (int i = 0; i < qa; i++) {
            for (int j = 0; j < qb; j++) {
                double s = 0;
                for (int r = 0; r < qa; r++) {
                    double lri = la[r * qa + i];
                    if (lri == 0.0) continue;
                    int mr = mOff + r * qb;
                    for (int c = 0; c < qb; c++) s += lri * m[mr + c] * lb[c * qb + j];
                }
                out[outOff + i * outStride + j] = s;
            }
        }
    }

    /** out = La^T M with M qa x c (stride c). */
    static void leftTransposed(double[] la, int qa, double[] m, int mOff, int c, double[] out, int outOff,
                               int outStride) {
        for (int i = 0; i < qa; i++) {
            for (int j = 0; j < c; j++) {
                double s = 0;
                for (int r = 0; r < qa; r++) s += la[r * qa + i] * m[mOff + r * c + j];
                out[outOff + i * outStride + j] = s;
            }
        }
    }

    /** Inverse of a lower-triangular n x n matrix (new array, row-major). */
    static double[] invertLower(double[] l, int lOff, int n) {
        double[] inv = new double[n * n];
        for (int j = 0; j < n; j++) {
            inv[j * n + j] = 1.0 / l[lOff + j * n + j];
            for (int i = j + 1; i < n; i++) {
                double s = 0;
                for (int k = j; k < i; k++) s += l[lOff + i * n + k] * inv[k * n + j];
                inv[i * n + j] = -s / l[lOff + i * n + i];
            }
        }
        return inv;
    }

    /**
     * A^T A for A n x n lower triangular (row-major): only the nonzero part is visited and the upper triangle
     * is mirrored; the same products are added in the same order as {@link #crossprod}.
     */
    static double[] crossprodLower(double[] a, int n) {
        double[] out = new double[n * n];
        for (int k = 0; k < n; k++)
            for (int i = 0; i <= k; i++) {
                double v = a[k * n + i];
                if (v == 0.0) continue;
                int oi = i * n;
                int ak = k * n;
                for (int j = i; j <= k; j++) out[oi + j] += v * a[ak + j];
            }
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) out[j * n + i] = out[i * n + j];
        return out;
    }

    /** A^T A for A n x n (row-major). */
    static double[] crossprod(double[] a, int n) {
        double[] out = new double[n * n];
        for (int k = 0; k < n; k++)
            for (int i = 0; i < n; i++) {
                double v = a[k * n + i];
                if (v == 0.0) continue;
                for (int j = 0; j < n; j++) out[i * n + j] += v * a[k * n + j];
            }
        return out;
    }
}
