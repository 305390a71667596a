package org.multilevel.lmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.multilevel.api.fit.ContrastTest;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.EstimationException;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.lmm.CsvDesigns.Re;
import org.multilevel.lmm.bench.SyntheticData;

/** Contrast tests against lmerTest's anova, and the refusals of ill-posed input. */
class TestsAndInputTest {
    private static final List<String> I = List.of("(Intercept)");
    private static final FitOptions REML = FitOptions.of(Method.REML, DdfMethod.SATTERTHWAITE);

    @Test
    void multiDegreeOfFreedomFTestMatchesLmerTest() throws Exception {
        JsonNode ref = new ObjectMapper().readTree(CsvDesigns.SHARED.resolve("reference/inference/inference.json")
                .toFile()).get("anova_sleepstudy_days").get("typeIII_satterthwaite").get(0);
        List<String> fixed = new ArrayList<>(I);
        for (int d = 1; d <= 9; d++) fixed.add("factor(Days)" + d);
        DesignMatrices design = new CsvDesigns("sleepstudy.csv").design("Reaction ~ factor(Days) + (1 | Subject)",
                "Reaction", fixed, List.of(new Re("Subject", I)));
        FittedModel fit = new NestedLmmEstimator().fit(design, REML);
        double[][] l = new double[9][10];
        for (int d = 0; d < 9; d++) l[d][d + 1] = 1;
        ContrastTest t = fit.test(l, DdfMethod.SATTERTHWAITE);
        assertEquals(9, t.numDf());
        assertEquals(ref.get("F").asDouble(), t.statistic(), 0.005 * ref.get("F").asDouble());
        assertEquals(ref.get("denDf").asDouble(), t.denDf(), 0.01 * ref.get("denDf").asDouble());
        assertEquals(ref.get("p").asDouble(), t.p(), 0.03 * ref.get("p").asDouble());
        ContrastTest kr = fit.test(l, DdfMethod.KENWARD_ROGER);
        assertEquals(9, kr.numDf());
        ContrastTest none = fit.test(l, DdfMethod.NONE);
        assertEquals(Double.POSITIVE_INFINITY, none.denDf());
        assertEquals(t.statistic(), none.statistic(), 1e-9 * t.statistic());
        ContrastTest residual = fit.test(new double[][] {l[0]}, DdfMethod.RESIDUAL);
        assertEquals(180 - 10, residual.denDf());
    }

    @Test
    void oneDegreeOfFreedomFTestEqualsSquaredT() throws Exception {
        JsonNode ref = new ObjectMapper().readTree(CsvDesigns.SHARED.resolve("reference/inference/inference.json")
                .toFile()).get("anova_hsb_rb").get("typeIII_satterthwaite");
        DesignMatrices design = new CsvDesigns("hsb.csv").design("math ~ meanses * cses + sector * cses + (1 + cses | school)",
                "math", List.of("(Intercept)", "meanses", "cses", "sector", "meanses:cses", "cses:sector"),
                List.of(new Re("school", List.of("(Intercept)", "cses"))));
        FittedModel fit = new GeneralLmmEstimator().fit(design, REML);
        for (int j = 1; j < 6; j++) {
            double[] l = new double[6];
            l[j] = 1;
            ContrastTest t = fit.test(new double[][] {l}, DdfMethod.SATTERTHWAITE);
            JsonNode r = ref.get(j - 1);
            assertEquals(r.get("F").asDouble(), t.statistic() * t.statistic(), 0.01 * r.get("F").asDouble());
            assertEquals(r.get("denDf").asDouble(), t.denDf(), 0.01 * r.get("denDf").asDouble());
        }
    }

    @Test
    void nestedAndGeneralAgreeOnSyntheticData() {
        DesignMatrices d = SyntheticData.generate(300, 20, 7L).design();
        FittedModel a = new NestedLmmEstimator().fit(d, REML);
        FittedModel b = new GeneralLmmEstimator().fit(d, REML);
        assertEquals(a.result().logLik(), b.result().logLik(), 1e-6);
        for (int j = 0; j < 4; j++) assertEquals(a.beta()[j], b.beta()[j], 1e-6);
        // the generating values are recovered within a few standard errors
        double[] truth = {10, 2, 1.5, 0.5};
        for (int j = 0; j < 4; j++) {
            assertTrue(Math.abs(a.beta()[j] - truth[j]) < 4 * a.result().fixed().get(j).se(),
                    "coefficient " + j + " = " + a.beta()[j]);
        }
        double[] cond = a.conditionalPrediction();
        double[] fix = a.fixedPrediction();
        assertEquals(d.rows(), cond.length);
        assertTrue(!Arrays.equals(cond, fix));
    }

    @Test
    void crossedDesignIsRefusedByTheNestedEstimatorOnly() {
        DesignMatrices d = new CsvDesigns("penicillin.csv").design("diameter ~ 1 + (1 | plate) + (1 | sample)",
                "diameter", I, List.of(new Re("plate", I), new Re("sample", I)));
        assertTrue(new NestedLmmEstimator().unsupported(d, REML).orElseThrow().contains("crossed"));
        assertTrue(new GeneralLmmEstimator().unsupported(d, REML).isEmpty());
        assertThrows(EstimationException.class, () -> new NestedLmmEstimator().fit(d, REML));
    }

    @Test
    void modelWithoutRandomTermsIsNotSupported() {
        DesignMatrices d = new CsvDesigns("dyestuff.csv").design("Yield ~ 1", "Yield", I, List.of());
        assertEquals("the model has no random-effects term; use OLS",
                new GeneralLmmEstimator().unsupported(d, REML).orElseThrow());
    }

    @Test
    void constantResponseIsRefused() {
        DesignMatrices d = new CsvDesigns("dyestuff.csv").design("Yield ~ 1 + (1 | Batch)", "Yield", I,
                List.of(new Re("Batch", I)));
        double[] y = new double[d.rows()];
        Arrays.fill(y, 3.0);
        DesignMatrices constant = new DesignMatrices(d.spec(), y, null, null, d.fixed(), d.random(), d.dataRows(),
                d.notes());
        EstimationException e = assertThrows(EstimationException.class,
                () -> new NestedLmmEstimator().fit(constant, REML));
        assertTrue(e.getMessage().contains("no variance"), e.getMessage());
    }

    @Test
    void tooManyRandomEffectsAreRefused() {
        // one level per observation: the random intercept is confounded with the residual
        DesignMatrices d = new CsvDesigns("dyestuff.csv").design("Yield ~ 1 + (1 | obs)", "Yield", I,
                List.of(new Re("Batch", I)));
        int n = d.rows();
        int[] lev = new int[n];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lev[i] = i;
            names.add("o" + i);
        }
        double[] z = new double[n];
        Arrays.fill(z, 1.0);
        var obs = new org.multilevel.api.model.RandomTerm("obs", names, lev, I, z);
        DesignMatrices bad = new DesignMatrices(d.spec(), d.y(), null, null, d.fixed(), List.of(obs), d.dataRows(),
                d.notes());
        EstimationException e = assertThrows(EstimationException.class,
                () -> new GeneralLmmEstimator().fit(bad, REML));
        assertTrue(e.getMessage().contains("'obs'"), e.getMessage());
    }

    @Test
    void singleLevelGroupingFactorIsRefused() {
        DesignMatrices d = new CsvDesigns("pastes.csv").design("strength ~ 1 + (1 | batch)", "strength", I,
                List.of(new Re("batch", I)));
        int[] one = new int[d.rows()];
        var t = d.random().get(0);
        var single = new org.multilevel.api.model.RandomTerm("batch", List.of("A"), one, t.effectNames(), t.z());
        DesignMatrices bad = new DesignMatrices(d.spec(), d.y(), null, null, d.fixed(), List.of(single), d.dataRows(),
                d.notes());
        EstimationException e = assertThrows(EstimationException.class, () -> new NestedLmmEstimator().fit(bad, REML));
        assertTrue(e.getMessage().contains("only one level"), e.getMessage());
    }

    @Test
    void collinearFixedEffectsAreRefused() {
        DesignMatrices d = new CsvDesigns("sleepstudy.csv").design("Reaction ~ Days + Days2 + (1 | Subject)", "Reaction",
                List.of("(Intercept)", "Days", "Days"), List.of(new Re("Subject", I)));
        EstimationException e = assertThrows(EstimationException.class, () -> new NestedLmmEstimator().fit(d, REML));
        assertTrue(e.getMessage().contains("rank deficient"), e.getMessage());
    }

    @Test
    void kenwardRogerNeedsReml() {
        DesignMatrices d = new CsvDesigns("dyestuff.csv").design("Yield ~ 1 + (1 | Batch)", "Yield", I,
                List.of(new Re("Batch", I)));
        FittedModel ml = new NestedLmmEstimator().fit(d, FitOptions.of(Method.ML, DdfMethod.SATTERTHWAITE));
        assertThrows(EstimationException.class, () -> ml.test(new double[][] {{1}}, DdfMethod.KENWARD_ROGER));
        assertThrows(EstimationException.class, () -> ml.test(new double[][] {{1, 0}}, DdfMethod.SATTERTHWAITE));
    }
}
