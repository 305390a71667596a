package org.multilevel.formula;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.multilevel.formula.internal.RankCheck;

/** lme4's rule: drop a column whose part orthogonal to the earlier columns is below 1e-7 of its norm. */
class RankCheckTest {
    private static double[] matrix(int n, double noise, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * 5];
        for (int i = 0; i < n; i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            x[i * 5] = 1;
            x[i * 5 + 1] = a;
            x[i * 5 + 2] = b;
            x[i * 5 + 3] = 2 * a - b + 3 + noise * r.nextGaussian(); // (almost) a combination of earlier columns
            x[i * 5 + 4] = r.nextGaussian();
        }
        return x;
    }

    @Test
    void exactCombinationIsDropped() {
        assertArrayEquals(new boolean[] {true, true, true, false, true}, RankCheck.keptColumns(matrix(200, 0, 1), 200, 5));
    }

    @Test
    void belowTheToleranceIsDroppedAboveIsKept() {
        // residual about 1e-9 of the column's norm: dropped; about 1e-5: kept (the QR decides both)
        assertArrayEquals(new boolean[] {true, true, true, false, true}, RankCheck.keptColumns(matrix(200, 4e-9, 2), 200, 5));
        assertArrayEquals(new boolean[] {true, true, true, true, true}, RankCheck.keptColumns(matrix(200, 4e-5, 3), 200, 5));
        assertArrayEquals(new boolean[] {true, true, true, true, true}, RankCheck.keptColumns(matrix(200, 0.5, 4), 200, 5));
    }

    @Test
    void zeroColumnIsDropped() {
        double[] x = matrix(50, 0.5, 5);
        for (int i = 0; i < 50; i++) x[i * 5 + 2] = 0;
        assertArrayEquals(new boolean[] {true, true, false, true, true}, RankCheck.keptColumns(x, 50, 5));
    }
}
