package org.multilevel.lmm.internal;

import java.util.stream.IntStream;

/**
 * Blocked, right-looking, in-place lower Cholesky of a large dense row-major block (the Schur complement of
 * the general estimator). Panels of {@link #BLOCK} columns: the trailing update is done with a transposed
 * copy of the panel so that every inner loop runs over contiguous memory (the unblocked dot-product form
 * streams the whole matrix once per column and is memory bound); rows of the trailing update are shared
 * over the available cores when the remaining block is large.
 */
final class DenseCholesky {
    static final int BLOCK = 48;
    /** Below this many trailing rows the work is too small to share between threads. */
    private static final int PARALLEL_ROWS = 192;

    private DenseCholesky() {
    }

    /**
     * Factors the leading n x n block of a (row stride {@code stride}) in place; only the lower triangle is
     * read; the strict upper triangle is zeroed. False when the block is not positive definite.
     */
    static boolean factor(double[] a, int n, int stride) {
        if (!partial(a, n, n, stride)) return false;
        for (int i = 0; i < n; i++) {
            int ri = i * stride;
            for (int j = i + 1; j < n; j++) a[ri + j] = 0.0;
        }
        return true;
    }

    /**
     * Eliminates the first {@code nc} columns of the leading n x n block (lower triangle read): afterwards
     * columns 0..nc-1 hold those columns of the Cholesky factor and the trailing lower triangle holds the
     * Schur complement (the update a frontal matrix passes to its parent). The upper triangle is left as it
     * was. False when a pivot is not positive.
     */
    static boolean partial(double[] a, int n, int nc, int stride) {
        double[] pt = new double[Math.min(BLOCK, Math.max(nc, 1)) * n];   // pt[k * n + i] = L[i][kb + k]
        for (int kb = 0; kb < nc; kb += BLOCK) {
            final int ke = Math.min(kb + BLOCK, nc);
            final int w = ke - kb;
            final int k0 = kb;
            // diagonal block (previous panels' updates are already subtracted)
            for (int j = kb; j < ke; j++) {
                int rj = j * stride;
                double s = a[rj + j];
                for (int k = kb; k < j; k++) s -= a[rj + k] * a[rj + k];
                if (!(s > 0)) return false;
                double d = Math.sqrt(s);
                a[rj + j] = d;
                for (int i = j + 1; i < ke; i++) {
                    int ri = i * stride;
                    double t = a[ri + j];
                    for (int k = kb; k < j; k++) t -= a[ri + k] * a[rj + k];
                    a[ri + j] = t / d;
                }
            }
            if (ke == n) break;
            boolean parallel = n - ke >= PARALLEL_ROWS;
            // panel below the diagonal block, and its transposed copy
            rows(ke, n, parallel, i -> {
                int ri = i * stride;
                for (int j = k0; j < ke; j++) {
                    int rj = j * stride;
                    double t = a[ri + j];
                    for (int k = k0; k < j; k++) t -= a[ri + k] * a[rj + k];
                    double v = t / a[rj + j];
                    a[ri + j] = v;
                    pt[(j - k0) * n + i] = v;
                }
            });
            // trailing update of the lower triangle: A[i][j] -= sum_k L[i][k] L[j][k], ke <= j <= i
            rows(ke, n, parallel, i -> {
                int ri = i * stride;
                int k = 0;
                // four panel columns per pass over the row, subtracted in the same order as one at a time
                for (; k + 4 <= w; k += 4) {
                    int p0 = k * n;
                    int p1 = p0 + n;
                    int p2 = p1 + n;
                    int p3 = p2 + n;
                    double v0 = pt[p0 + i];
                    double v1 = pt[p1 + i];
                    double v2 = pt[p2 + i];
                    double v3 = pt[p3 + i];
                    for (int j = ke; j <= i; j++) {
                        a[ri + j] = a[ri + j] - v0 * pt[p0 + j] - v1 * pt[p1 + j] - v2 * pt[p2 + j] - v3 * pt[p3 + j];
                    }
                }
                for (; k < w; k++) {
                    int pk = k * n;
                    double v = pt[pk + i];
                    for (int j = ke; j <= i; j++) a[ri + j] -= v * pt[pk + j];
                }
            });
        }
        return true;
    }

    private static void rows(int from, int to, boolean parallel, java.util.function.IntConsumer body) {
        if (parallel) IntStream.range(from, to).parallel().forEach(body);
        else for (int i = from; i < to; i++) body.accept(i);
    }
}
