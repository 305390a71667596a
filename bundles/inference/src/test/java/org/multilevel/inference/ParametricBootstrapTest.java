package org.multilevel.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.Method;
import org.multilevel.inference.internal.BootstrapContributor;

/**
 * Parametric bootstrap on hsb: math ~ sector + (1 | school), refitted by a small REML estimator; the percentile
 * intervals must be close to lme4's profile intervals of inference.json (Monte Carlo error allowed).
 */
class ParametricBootstrapTest {
    @Test
    void percentileIntervalsAreNearTheProfileIntervals() {
        ReferenceCases.Case c = ReferenceCases.load("hsb_sector_reml");
        RandomInterceptEstimator est = new RandomInterceptEstimator();
        FittedModel fit = est.fit(c.design(), FitOptions.of(Method.REML, DdfMethod.NONE));
        int[] calls = new int[1];
        ParametricBootstrap.Result r = ParametricBootstrap.run(fit, est, FitOptions.of(Method.REML, DdfMethod.NONE),
                200, 11L, done -> calls[0] = done);
        assertEquals(200, calls[0]);
        assertEquals(200, r.succeeded());
        JsonNode profile = AnovaTableTest.INFERENCE.get("profile_hsb_sector").get("intervals");
        assertEquals(profile.size(), r.intervals().size());
        for (int k = 0; k < profile.size(); k++) {
            JsonNode e = profile.get(k);
            ParametricBootstrap.Interval iv = r.intervals().get(k);
            assertEquals(e.get("parameter").asText(), iv.parameter());
            double width = e.get("upper").asDouble() - e.get("lower").asDouble();
            assertEquals(e.get("lower").asDouble(), iv.lower(), 0.15 * width, iv.parameter() + " lower");
            assertEquals(e.get("upper").asDouble(), iv.upper(), 0.15 * width, iv.parameter() + " upper");
            assertTrue(iv.lower() < iv.estimate() && iv.estimate() < iv.upper(), iv.parameter());
        }
        ParametricBootstrap.Result again = ParametricBootstrap.run(fit, est, FitOptions.of(Method.REML, DdfMethod.NONE),
                200, 11L, null);
        assertEquals(r.intervals(), again.intervals());
    }

    @Test
    void contributorAddsTheSection() {
        ReferenceCases.Case c = ReferenceCases.load("dyestuff_reml");
        RandomInterceptEstimator est = new RandomInterceptEstimator();
        FittedModel fit = est.fit(c.design(), FitOptions.of(Method.REML, DdfMethod.NONE));
        AnalysisRequest ask = new AnalysisRequest(c.design().spec(), FitOptions.of(Method.REML, DdfMethod.NONE),
                List.of(), Map.of("ci", "bootstrap", "nsim", "50", "seed", "3"));
        List<ResultSection> s = new BootstrapContributor(List.of(est)).contribute(fit, null, ask);
        assertEquals("bootstrap", s.get(0).key());
        assertTrue(s.get(0).text().contains("sd_(Intercept)|Batch"), s.get(0).text());
        assertTrue(new BootstrapContributor(List.of(est)).contribute(fit, null,
                AnalysisRequest.of(c.design().spec(), FitOptions.of(Method.REML, DdfMethod.NONE))).isEmpty());
    }

    private static final FitOptions REML = FitOptions.of(Method.REML, DdfMethod.NONE);

    @Test
    void aBillionSimulationsAreRefusedBeforeAnyRefit() {
        ReferenceCases.Case c = ReferenceCases.load("dyestuff_reml");
        RandomInterceptEstimator est = new RandomInterceptEstimator();
        FittedModel fit = est.fit(c.design(), REML);
        org.multilevel.api.task.WorkTooLargeException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.multilevel.api.task.WorkTooLargeException.class, () -> ParametricBootstrap.run(fit, est, REML,
                        1_000_000_000, 1L, org.multilevel.api.task.TaskMonitor.NONE,
                        new org.multilevel.api.task.WorkLimits(1L << 30, Double.POSITIVE_INFINITY)));
        assertTrue(e.getMessage().startsWith("the bootstrap (1,000,000,000 refits of 3 parameters) needs 22 GB "
                + "of memory, more than the 1024 MB available; ask for fewer simulations (--nsim)"), e.getMessage());
    }

    @Test
    void refitsBeyondTheTimeBudgetAreRefusedAfterTheFirstFew() {
        ReferenceCases.Case c = ReferenceCases.load("dyestuff_reml");
        RandomInterceptEstimator est = new RandomInterceptEstimator();
        FittedModel fit = est.fit(c.design(), REML);
        long[] done = {0};
        org.multilevel.api.task.CancellationToken token = new org.multilevel.api.task.CancellationToken(
                (stage, d, total) -> { if (stage.equals(ParametricBootstrap.STAGE)) done[0] = d; });
        org.multilevel.api.task.WorkTooLargeException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.multilevel.api.task.WorkTooLargeException.class, () -> ParametricBootstrap.run(fit, est, REML,
                        100_000, 1L, token, new org.multilevel.api.task.WorkLimits(Long.MAX_VALUE, 1e-9)));
        assertTrue(e.getMessage().startsWith("the bootstrap (100,000 refits of about "), e.getMessage());
        assertEquals(3, done[0], "projected after three timed refits");
    }

    @Test
    void cancellationEndsTheBootstrapAtTheNextRefit() {
        ReferenceCases.Case c = ReferenceCases.load("dyestuff_reml");
        RandomInterceptEstimator est = new RandomInterceptEstimator();
        FittedModel fit = est.fit(c.design(), REML);
        long[] done = {0};
        org.multilevel.api.task.CancellationToken[] token = new org.multilevel.api.task.CancellationToken[1];
        token[0] = new org.multilevel.api.task.CancellationToken((stage, d, total) -> {
            done[0] = d;
            if (d == 7) token[0].cancel();
        });
        org.junit.jupiter.api.Assertions.assertThrows(org.multilevel.api.task.CancelledException.class,
                () -> ParametricBootstrap.run(fit, est, REML, 1000, 1L, token[0],
                        org.multilevel.api.task.WorkLimits.current()));
        assertEquals(7, done[0]);
    }
}
