package org.multilevel.lmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.Estimator;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.FixedEffect;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.RandomTerm;
import org.multilevel.lmm.bench.SyntheticData;

/**
 * A fit is bit-identical whatever the number of processors (issue 9.5): the same fit of a data set large
 * enough for the one-pass sums to be split into several chunks (and for the per-level factorizations to run
 * in parallel) is run in a ForkJoinPool of parallelism 1 and of 16 (parallel streams started from inside a
 * pool run in that pool), and every number of the result is compared bit for bit.
 */
class ProcessorIndependenceTest {
    /** 1,000 clusters of 300 rows: 300,000 rows, five chunks of the one pass. */
    private static final DesignMatrices NESTED = SyntheticData.generate(1000, 300, 7).design();

    /** The same rows with a second, crossed random intercept (the general estimator's cross blocks). */
    private static DesignMatrices crossed() {
        DesignMatrices d = NESTED;
        int n = d.rows();
        int m = 40;
        List<String> levels = new ArrayList<>();
        for (int l = 0; l < m; l++) levels.add("b" + l);
        int[] lev = new int[n];
        double[] z = new double[n];
        double[] y = d.y().clone();
        for (int i = 0; i < n; i++) {
            lev[i] = (int) ((i * 2654435761L) % m);
            z[i] = 1;
            y[i] += 0.1 * (lev[i] - m / 2.0);
        }
        List<RandomTerm> terms = new ArrayList<>(d.random());
        terms.add(new RandomTerm("block", levels, lev, List.of("(Intercept)"), z));
        return new DesignMatrices(d.spec(), y, null, null, d.fixed(), terms, d.dataRows(), List.of());
    }

    private static FittedModel fitIn(int parallelism, Estimator estimator, DesignMatrices d) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(parallelism);
        try {
            return pool.submit(() -> estimator.fit(d, FitOptions.of(Method.REML, DdfMethod.SATTERTHWAITE))).get();
        } finally {
            pool.shutdown();
        }
    }

    private static void assertBitIdentical(FittedModel a, FittedModel b) {
        FitResult ra = a.result();
        FitResult rb = b.result();
        assertEquals(Double.doubleToLongBits(ra.logLik()), Double.doubleToLongBits(rb.logLik()), "logLik");
        assertEquals(Double.doubleToLongBits(ra.sigma2()), Double.doubleToLongBits(rb.sigma2()), "sigma2");
        assertArrayEquals(ra.optimizer().parameters(), rb.optimizer().parameters(), "theta");
        assertEquals(ra.optimizer().evaluations(), rb.optimizer().evaluations(), "evaluations");
        assertArrayEquals(a.beta(), b.beta(), "beta");
        for (int j = 0; j < ra.fixed().size(); j++) {
            FixedEffect fa = ra.fixed().get(j);
            FixedEffect fb = rb.fixed().get(j);
            assertEquals(Double.doubleToLongBits(fa.se()), Double.doubleToLongBits(fb.se()), "se " + fa.term());
            assertEquals(Double.doubleToLongBits(fa.df()), Double.doubleToLongBits(fb.df()), "df " + fa.term());
        }
        for (int k = 0; k < ra.random().size(); k++) {
            double[][] ca = ra.random().get(k).covariance();
            double[][] cb = rb.random().get(k).covariance();
            for (int r = 0; r < ca.length; r++) assertArrayEquals(ca[r], cb[r], "covariance " + k);
        }
        assertArrayEquals(a.conditionalPrediction(), b.conditionalPrediction(), "conditional prediction");
    }

    @Test
    void nestedFitIsTheSameOnOneAndSixteenThreads() throws Exception {
        Estimator e = new NestedLmmEstimator();
        assertBitIdentical(fitIn(1, e, NESTED), fitIn(16, e, NESTED));
    }

    @Test
    void crossedFitIsTheSameOnOneAndSixteenThreads() throws Exception {
        Estimator e = new GeneralLmmEstimator();
        DesignMatrices d = crossed();
        assertBitIdentical(fitIn(1, e, d), fitIn(16, e, d));
    }
}
