package org.multilevel.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.NumericColumn;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.task.WorkTooLargeException;
import org.multilevel.transform.internal.CenteringService;

/** A dense model matrix that cannot be held is refused in words before it is allocated. */
class MatrixCostTest {
    private final FormulaModelFrameBuilder builder = new FormulaModelFrameBuilder(new CenteringService());

    /** One level per row: n columns of n rows. */
    private static Dataset perRowFactor(int n) {
        double[] y = new double[n];
        double[] id = new double[n];
        double[] g = new double[n];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < n; i++) {
            y[i] = r.nextGaussian();
            id[i] = i;
            g[i] = i % 50;
        }
        return TestData.of("ids", new NumericColumn("y", y), new NumericColumn("id", id), new NumericColumn("g", g));
    }

    @Test
    void moreCellsThanAnArrayHoldsIsRefusedNotANegativeArraySize() {
        WorkTooLargeException e = assertThrows(WorkTooLargeException.class,
                () -> builder.build(perRowFactor(60_000), ModelSpec.gaussian("y ~ factor(id) + (1 | g)")));
        assertEquals("the model matrix of 60,000 rows and 60,000 columns (the term factor(id) alone has 59,999) has more "
                + "cells than a Java array can hold (2147483639); a factor with this many levels belongs in the random "
                + "part, e.g. (1 | id)", e.getMessage());
    }

    /** 20,001 columns: 3.2 GB for X and 6.4 GB for the crossproducts, and 2.7e12 operations per factorization. */
    @Test
    void aMatrixBeyondMemoryOrTimeIsRefusedWithItsSize() {
        WorkTooLargeException e = assertThrows(WorkTooLargeException.class,
                () -> builder.build(perRowFactor(20_001), ModelSpec.gaussian("y ~ factor(id) + (1 | g)")));
        assertTrue(e.getMessage().startsWith("a fit with a model matrix of 20,001 rows and 20,001 columns (the term "
                + "factor(id) alone has 20,000) "), e.getMessage());
        assertTrue(e.getMessage().contains("needs") || e.getMessage().contains("would take about"), e.getMessage());
    }

    /** 5,001 columns: 61 factorizations of 4.2e10 operations, about 42 minutes at the cost model's rate. */
    @Test
    void aFactorOfFiveThousandLevelsIsRefusedByItsFitTime() {
        WorkTooLargeException e = assertThrows(WorkTooLargeException.class,
                () -> builder.build(perRowFactor(5_001), ModelSpec.gaussian("y ~ factor(id) + (1 | g)")));
        assertTrue(e.getMessage().contains("would take about 42 minutes"), e.getMessage());
    }

    @Test
    void anOrdinaryFactorPasses() {
        assertEquals(50, builder.build(perRowFactor(2_000), ModelSpec.gaussian("y ~ factor(g) + (1 | g)"))
                .fixed().columns());
    }
}
