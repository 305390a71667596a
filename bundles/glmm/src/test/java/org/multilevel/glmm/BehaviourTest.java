package org.multilevel.glmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multilevel.api.fit.ContrastTest;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.EstimationException;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.FixedDesign;
import org.multilevel.api.model.Link;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.model.RandomTerm;
import org.multilevel.glmm.bench.LogisticBenchmark;
import org.multilevel.glmm.internal.LaplaceEstimator;

/** AGQ, links, failures in words, inference and the benchmark model. */
class BehaviourTest {
    private final LaplaceEstimator estimator = new LaplaceEstimator();
    private static final FitOptions LAPLACE = FitOptions.of(Method.LAPLACE, DdfMethod.NONE);

    private static FitOptions agq(int points) {
        return new FitOptions(Method.AGQ, DdfMethod.NONE, points, 10_000);
    }

    /** R 4.2, lme4 1.1-31: glmer(cbind(incidence, size - incidence) ~ factor(period) + (1 | herd), cbpp, binomial, nAGQ = 25). */
    @Test
    void adaptiveQuadratureOnCbppAgreesWithLme4() {
        FitResult r = estimator.fit(Fixtures.cbpp(), agq(25)).result();
        assertEquals("AGQ", r.method());
        assertEquals(-50.0050152701, r.logLik(), 0.01);
        double[] beta = {-1.3992237278, -0.9914088838, -1.1278095942, -1.5794809507};
        double[] se = {0.23351138, 0.30676820, 0.32676716, 0.42759571};
        for (int j = 0; j < 4; j++) {
            assertEquals(beta[j], r.fixed().get(j).estimate(), 0.01 * se[j], r.fixed().get(j).term());
            assertEquals(se[j], r.fixed().get(j).se(), 0.02 * se[j], r.fixed().get(j).term());
        }
        assertEquals(0.6475199145 * 0.6475199145, r.random().get(0).covariance()[0][0], 0.02 * 0.42);
    }

    @Test
    void quadratureWithOnePointIsLaplaceAndMorePointsMoveLittle() {
        FitResult lap = estimator.fit(Fixtures.cbpp(), LAPLACE).result();
        FitResult one = estimator.fit(Fixtures.cbpp(), agq(1)).result();
        FitResult nine = estimator.fit(Fixtures.cbpp(), agq(9)).result();
        assertEquals(lap.logLik(), one.logLik(), 1e-6);
        for (int j = 0; j < 4; j++) {
            assertEquals(lap.fixed().get(j).estimate(), nine.fixed().get(j).estimate(), 0.05 * lap.fixed().get(j).se());
        }
        // R's value for nAGQ = 9 (lme4 1.1-31)
        assertEquals(-50.0050180334, nine.logLik(), 0.01);
    }

    /**
     * lme4's largest rule (GHrule: ord < 101) works; one more point is refused in words, not after minutes.
     * R, lme4 1.1.31: logLik(glmer(cbind(incidence, size - incidence) ~ factor(period) + (1 | herd), cbpp,
     * binomial, nAGQ = 100)) = -50.0050152701; fixef(...)[1] = -1.3992237278 (as with nAGQ = 25).
     */
    @Test
    void quadratureUpToLme4sLimitAndNoFurther() {
        FitResult r = estimator.fit(Fixtures.cbpp(), agq(LaplaceEstimator.MAX_QUADRATURE_POINTS)).result();
        assertEquals(-50.0050152701, r.logLik(), 0.01);
        assertEquals(-1.3992237278, r.fixed().get(0).estimate(), 0.01 * 0.2335);
        String why = estimator.unsupported(Fixtures.cbpp(), agq(1000)).orElseThrow();
        assertTrue(why.startsWith("AGQ takes at most 100 quadrature points per level"), why);
        EstimationException e = assertThrows(EstimationException.class, () -> estimator.fit(Fixtures.cbpp(), agq(101)));
        assertTrue(e.getMessage().contains("not 101"), e.getMessage());
    }

    @Test
    void quadratureNeedsOneScalarRandomEffect() {
        assertTrue(estimator.unsupported(Fixtures.grouseticks(), agq(5)).orElseThrow().contains("single scalar random effect"));
        assertThrows(EstimationException.class, () -> estimator.fit(Fixtures.grouseticks(), agq(5)));
        assertTrue(estimator.unsupported(Fixtures.cbpp(), agq(5)).isEmpty());
        assertTrue(estimator.unsupported(Fixtures.cbpp(), FitOptions.of(Method.REML, DdfMethod.NONE)).isPresent());
    }

    /** R: glmer(..., family = binomial(link = "probit" / "cloglog")) on cbpp, lme4 1.1-31. */
    @Test
    void probitAndCloglogLinks() {
        FitResult probit = estimator.fit(Fixtures.cbpp(Link.PROBIT), LAPLACE).result();
        assertEquals(-92.6212425715, probit.logLik(), 0.01);
        assertEquals(-0.8354749296, probit.fixed().get(0).estimate(), 0.01);
        assertEquals(0.1142367983, probit.random().get(0).covariance()[0][0], 0.005);
        FitResult cloglog = estimator.fit(Fixtures.cbpp(Link.CLOGLOG), LAPLACE).result();
        assertEquals(-91.8020646625, cloglog.logLik(), 0.01);
        assertEquals(-1.5259454568, cloglog.fixed().get(0).estimate(), 0.01);
        assertEquals(0.3442476287, cloglog.random().get(0).covariance()[0][0], 0.01);
    }

    @Test
    void zTestsWhateverDdfIsAsked() {
        FittedModel fit = estimator.fit(Fixtures.cbpp(), LAPLACE);
        double[][] cov = fit.fixedCovariance();
        ContrastTest one = fit.test(new double[][] {{0, 1, 0, 0}}, DdfMethod.SATTERTHWAITE);
        assertEquals(Double.POSITIVE_INFINITY, one.denDf());
        assertEquals(fit.beta()[1] / Math.sqrt(cov[1][1]), one.statistic(), 1e-9);
        assertEquals(fit.result().fixed().get(1).p(), one.p(), 1e-12);
        ContrastTest three = fit.test(new double[][] {{0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}}, DdfMethod.KENWARD_ROGER);
        assertEquals(3, three.numDf());
        assertEquals(Double.POSITIVE_INFINITY, three.denDf());
        assertTrue(three.p() < 0.001 && three.statistic() > 5, "period effect is strong: " + three);
        assertTrue(fit.result().fixed().get(0).df() == null);
    }

    @Test
    void negativeCountIsRefusedInWords() {
        DesignMatrices g = Fixtures.grouseticks();
        double[] y = g.y().clone();
        y[7] = -1;
        DesignMatrices bad = new DesignMatrices(g.spec(), y, null, null, g.fixed(), g.random(), g.dataRows(), List.of());
        EstimationException e = assertThrows(EstimationException.class, () -> estimator.fit(bad, LAPLACE));
        assertTrue(e.getMessage().contains("negative") && e.getMessage().contains("row 8"), e.getMessage());
    }

    @Test
    void nonIntegerCountsWarnAsR() {
        DesignMatrices g = Fixtures.grouseticks();
        double[] y = g.y().clone();
        y[3] = 2.5;
        DesignMatrices odd = new DesignMatrices(g.spec(), y, null, null, g.fixed(), g.random(), g.dataRows(), List.of());
        FitResult r = estimator.fit(odd, LAPLACE).result();
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("Non-integer counts")), r.warnings().toString());
    }

    @Test
    void proportionWithoutTrialsIsRefused() {
        DesignMatrices c = Fixtures.cbpp();
        DesignMatrices bad = new DesignMatrices(c.spec(), c.y(), null, null, c.fixed(), c.random(), c.dataRows(), List.of());
        EstimationException e = assertThrows(EstimationException.class, () -> estimator.fit(bad, LAPLACE));
        assertTrue(e.getMessage().contains("cbind(successes, failures)"), e.getMessage());
        double[] y = c.y().clone();
        y[0] = 1.5;
        DesignMatrices out = new DesignMatrices(c.spec(), y, c.weights(), null, c.fixed(), c.random(), c.dataRows(), List.of());
        assertThrows(EstimationException.class, () -> estimator.fit(out, LAPLACE));
    }

    /** A binary predictor that predicts the outcome perfectly: every row with x = 1 is a success. */
    @Test
    void perfectSeparationIsNamed() {
        int clusters = 30, per = 20, n = clusters * per;
        double[] y = new double[n], x = new double[2 * n], z = new double[n];
        int[] level = new int[n];
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            double xi = i % 3 == 0 ? 1 : 0;
            x[2 * i] = 1;
            x[2 * i + 1] = xi;
            y[i] = xi == 1 ? 1 : (random.nextDouble() < 0.4 ? 1 : 0);
            level[i] = i / per;
            z[i] = 1;
        }
        List<String> names = java.util.stream.IntStream.range(0, clusters).mapToObj(Integer::toString).toList();
        DesignMatrices d = new DesignMatrices(ModelSpec.of("y ~ treated + (1 | g)", Family.BINOMIAL), y, null, null,
                new FixedDesign(List.of("(Intercept)", "treated"), x, new int[] {-1, 0}, List.of("treated"), List.of()),
                List.of(new RandomTerm("g", names, level, List.of("(Intercept)"), z)), new int[n], List.of());
        EstimationException e = assertThrows(EstimationException.class, () -> estimator.fit(d, LAPLACE));
        assertTrue(e.getMessage().contains("separation") && e.getMessage().contains("treated"), e.getMessage());
    }

    /** Every cluster has exactly 4 successes in 10: no between-cluster variance, a boundary (singular) fit. */
    @Test
    void identicalClustersGiveASingularFit() {
        int clusters = 25, per = 10, n = clusters * per;
        double[] y = new double[n], x = new double[n], z = new double[n];
        int[] level = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % per < 4 ? 1 : 0;
            x[i] = 1;
            z[i] = 1;
            level[i] = i / per;
        }
        List<String> names = java.util.stream.IntStream.range(0, clusters).mapToObj(Integer::toString).toList();
        DesignMatrices d = new DesignMatrices(ModelSpec.of("y ~ 1 + (1 | g)", Family.BINOMIAL), y, null, null,
                new FixedDesign(List.of("(Intercept)"), x, new int[] {-1}, List.of(), List.of()),
                List.of(new RandomTerm("g", names, level, List.of("(Intercept)"), z)), new int[n], List.of());
        FitResult r = estimator.fit(d, LAPLACE).result();
        assertTrue(r.singular());
        assertTrue(r.random().get(0).covariance()[0][0] < 1e-6);
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("singular")), r.warnings().toString());
        assertEquals(Math.log(0.4 / 0.6), r.fixed().get(0).estimate(), 1e-4);
        // with no random variation the log-likelihood is the binomial one
        assertEquals(n * (0.4 * Math.log(0.4) + 0.6 * Math.log(0.6)), r.logLik(), 1e-3);
    }

    @Test
    void allFailuresIsRefused() {
        DesignMatrices c = Fixtures.cbpp();
        DesignMatrices zero = new DesignMatrices(c.spec(), new double[c.rows()], c.weights(), null, c.fixed(), c.random(), c.dataRows(), List.of());
        EstimationException e = assertThrows(EstimationException.class, () -> estimator.fit(zero, LAPLACE));
        assertTrue(e.getMessage().contains("failure"), e.getMessage());
    }

    @Test
    void benchmarkModelRecoversItsParameters() {
        DesignMatrices d = LogisticBenchmark.design(20_000, 400, 11);
        long t0 = System.nanoTime();
        FitResult r = estimator.fit(d, LAPLACE).result();
        System.out.printf("benchmark (20,000 rows): %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        assertEquals(-0.5, r.fixed().get(0).estimate(), 4 * r.fixed().get(0).se());
        assertEquals(0.7, r.fixed().get(1).estimate(), 4 * r.fixed().get(1).se());
        assertEquals(0.64, r.random().get(0).covariance()[0][0], 0.2);
        assertTrue(r.converged());
        assertEquals(Map.of("cluster", 400), r.groups());
        assertEquals(400, r.ranef().get("cluster").levels().size());
    }

    @Test
    void rowsWithIdenticalCovariatesAreMergedWithoutChangingTheFit() {
        // verbagg has 4 identical rows per person and design cell; merging must not change the likelihood
        DesignMatrices v = Fixtures.verbagg();
        FitResult r = estimator.fit(v, LAPLACE).result();
        assertEquals(7584, r.nobs());
        ReferenceCheck.reference("verbagg_bernoulli_laplace");
        assertEquals(-4182.77070081723, r.logLik(), 0.01);
    }
}
