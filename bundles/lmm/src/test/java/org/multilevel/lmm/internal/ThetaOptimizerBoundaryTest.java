package org.multilevel.lmm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The optimizer's boundary handling: a bound is an answer only when the interior is no better. */
class ThetaOptimizerBoundaryTest {
    private static final double[] LOWER = {0.0, Double.NEGATIVE_INFINITY, 0.0};

    @Test
    void aTrueBoundaryOptimumIsAcceptedAsConverged() {
        // minimum at theta0 = -0.5, outside the bound: the constrained optimum is theta0 = 0
        ThetaOptimizer.Outcome o = ThetaOptimizer.minimize(
                t -> Math.pow(t[0] + 0.5, 2) + Math.pow(t[1] - 0.2, 2) + Math.pow(t[2] - 1, 2),
                new double[] {1, 0, 1}, LOWER, 10_000);
        assertTrue(o.converged(), o.warnings().toString());
        assertEquals(0.0, o.theta()[0], 1e-6);
        assertEquals(0.2, o.theta()[1], 1e-4);
        assertTrue(ThetaOptimizer.onBoundary(o.theta(), LOWER));
    }

    @Test
    void aBoundPointWithABetterInteriorIsNoOptimum() {
        java.util.function.ToDoubleFunction<double[]> f = t -> Math.pow(t[0] - 0.01, 2) + t[1] * t[1]
                + Math.pow(t[2] - 1, 2);
        double[] atBound = {0, 0, 1};
        assertFalse(ThetaOptimizer.boundaryIsOptimum(f, atBound, f.applyAsDouble(atBound), LOWER));
        double[] interior = {0.5, 0, 1};
        assertTrue(ThetaOptimizer.boundaryIsOptimum(f, interior, f.applyAsDouble(interior), LOWER));
    }

    @Test
    void anInteriorOptimumCloseToTheBoundIsFoundFromAFarStart() {
        // a narrow valley at theta0 = 0.02 next to the bound; the start is far away in theta2
        ThetaOptimizer.Outcome o = ThetaOptimizer.minimize(
                t -> 1e4 * Math.pow(t[0] - 0.02, 2) + Math.pow(t[1] + 0.3, 2) + Math.pow(t[2] - 3, 2),
                new double[] {1, 0, 1}, LOWER, 10_000);
        assertTrue(o.converged(), o.warnings().toString());
        assertEquals(0.02, o.theta()[0], 1e-4);
        assertFalse(ThetaOptimizer.onBoundary(o.theta(), LOWER));
    }
}
