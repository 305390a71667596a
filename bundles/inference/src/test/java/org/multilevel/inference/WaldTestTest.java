package org.multilevel.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.multilevel.api.fit.ContrastTest;

class WaldTestTest {
    @Test
    void tAndFAgreeWithTheirDistributions() {
        double[] beta = {1.0, 0.5, -0.3};
        double[][] cov = {{0.04, 0.01, 0}, {0.01, 0.09, 0.02}, {0, 0.02, 0.16}};
        ContrastTest t = WaldTest.test(beta, cov, new double[][] {{0, 1, 0}}, 12);
        assertEquals(0.5 / 0.3, t.statistic(), 1e-12);
        assertEquals(2 * (1 - new TDistribution(12).cumulativeProbability(0.5 / 0.3)), t.p(), 1e-10);
        ContrastTest f = WaldTest.test(beta, cov, new double[][] {{0, 1, 0}, {0, 0, 1}}, 20);
        double det = 0.09 * 0.16 - 0.02 * 0.02;
        double wald = (0.5 * 0.5 * 0.16 - 2 * 0.5 * -0.3 * 0.02 + 0.3 * 0.3 * 0.09) / det;
        assertEquals(wald / 2, f.statistic(), 1e-10);
        assertEquals(1 - new FDistribution(2, 20).cumulativeProbability(wald / 2), f.p(), 1e-10);
        ContrastTest z = WaldTest.test(beta, cov, new double[][] {{1, 0, 0}}, Double.POSITIVE_INFINITY);
        assertEquals(2 * (1 - new org.apache.commons.math3.distribution.NormalDistribution().cumulativeProbability(5)),
                z.p(), 1e-12);
    }
}
