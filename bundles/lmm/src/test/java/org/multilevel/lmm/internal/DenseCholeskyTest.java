package org.multilevel.lmm.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The blocked (and, for large blocks, multi-threaded) Cholesky against the plain column-by-column one. */
class DenseCholeskyTest {
    /** A random symmetric positive definite n x n block inside a wider array (stride n + 1, as the estimator). */
    private static double[] spd(int n, long seed) {
        Random r = new Random(seed);
        int st = n + 1;
        double[] m = new double[n * st];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++) {
                double v = r.nextGaussian();
                m[i * st + j] = v;
                m[j * st + i] = v;
            }
        for (int i = 0; i < n; i++) m[i * st + i] += 2 * Math.sqrt(n) + 1;
        for (int i = 0; i < n; i++) m[i * st + n] = r.nextGaussian();   // a last column the factorization must not touch
        return m;
    }

    @Test
    void sameFactorAsTheUnblockedCholesky() {
        for (int n : new int[] {1, 3, DenseCholesky.BLOCK - 1, DenseCholesky.BLOCK, DenseCholesky.BLOCK + 1, 250, 401}) {
            double[] a = spd(n, n);
            double[] b = a.clone();
            assertTrue(Small.cholesky(a, 0, n, n + 1));
            assertTrue(DenseCholesky.factor(b, n, n + 1));
            // same operations in the same order: identical to the last bit, incl. zeroed upper part and last column
            assertArrayEquals(a, b, 0.0, "n = " + n);
        }
    }

    @Test
    void reportsABlockThatIsNotPositiveDefinite() {
        int n = 260;
        double[] a = spd(n, 7);
        int st = n + 1;
        a[200 * st + 200] = -1.0;
        assertFalse(DenseCholesky.factor(a, n, st));
        double[] c = spd(3, 1);
        c[2 * 4 + 2] = 0.0;
        c[2 * 4 + 1] = 100.0;
        c[1 * 4 + 2] = 100.0;
        assertFalse(DenseCholesky.factor(c, 3, 4));
    }

    @Test
    void lowerCrossproductEqualsTheGeneralOne() {
        int n = 120;
        double[] a = spd(n, 3);
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++) l[i * n + j] = a[i * (n + 1) + j];
        assertArrayEquals(Small.crossprod(l, n), Small.crossprodLower(l, n), 0.0);
    }
}
