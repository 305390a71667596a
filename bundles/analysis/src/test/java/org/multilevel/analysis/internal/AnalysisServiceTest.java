package org.multilevel.analysis.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.AnalysisResult;
import org.multilevel.api.analysis.Comparison;
import org.multilevel.api.analysis.LikelihoodRatioTest;
import org.multilevel.api.analysis.NoEstimatorException;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.data.NumericColumn;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.data.internal.CsvDataImporter;
import org.multilevel.lmm.GeneralLmmEstimator;
import org.multilevel.lmm.NestedLmmEstimator;

/** The analysis service with the real frame builder, estimators and contributors on the shared data. */
class AnalysisServiceTest {
    static Dataset hsb;
    static final FitOptions REML = FitOptions.of(Method.REML, DdfMethod.SATTERTHWAITE);
    static final FitOptions ML = FitOptions.of(Method.ML, DdfMethod.SATTERTHWAITE);

    @BeforeAll
    static void read() {
        hsb = read("hsb.csv");
    }

    static Dataset read(String file) {
        return new CsvDataImporter().read(TestData.DATA.resolve(file), ImportOptions.defaults());
    }

    @Test
    void estimatorIsChosenByStructureFamilyAndRanking() {
        AnalysisComponent analysis = Components.analysis(false);
        AnalysisResult nested = analysis.fit(hsb, AnalysisRequest.of(ModelSpec.gaussian("math ~ sector + (1 | school)"), REML));
        assertEquals("lmm-nested", nested.fit().estimator());
        Dataset penicillin = read("penicillin.csv");
        AnalysisResult crossed = analysis.fit(penicillin,
                AnalysisRequest.of(ModelSpec.gaussian("diameter ~ 1 + (1 | plate) + (1 | sample)"), REML));
        assertEquals("lmm-general", crossed.fit().estimator());
        Dataset cbpp = read("cbpp.csv");
        AnalysisResult binomial = analysis.fit(cbpp, AnalysisRequest.of(
                ModelSpec.of("cbind(incidence, size - incidence) ~ period + (1 | herd)", Family.BINOMIAL),
                FitOptions.of(Method.LAPLACE, DdfMethod.NONE)));
        assertEquals("glmm-laplace", binomial.fit().estimator());
    }

    @Test
    void aHigherRankedEstimatorTakesOverAndRemovalFallsBack() {
        AnalysisComponent analysis = Components.analysis(false);
        ModelSpec spec = ModelSpec.gaussian("math ~ 1 + (1 | school)");
        DesignMatricesHolder frame = new DesignMatricesHolder(analysis, spec);
        assertEquals("lmm-nested", frame.chosen(analysis));
        // a second registration of the general estimator with a higher ranking, as a new bundle would bring
        GeneralLmmEstimator preferred = new GeneralLmmEstimator();
        Map<String, Object> props = new HashMap<>(Components.properties(GeneralLmmEstimator.class));
        props.put("service.ranking", 50);
        analysis.addEstimator(preferred, props);
        assertEquals("lmm-general", frame.chosen(analysis));
        analysis.removeEstimator(preferred);
        assertEquals("lmm-nested", frame.chosen(analysis));
    }

    @Test
    void withoutEstimatorsTheAnswerIsNoEstimatorAvailable() {
        AnalysisComponent analysis = new AnalysisComponent(
                new org.multilevel.formula.FormulaModelFrameBuilder(new org.multilevel.transform.internal.CenteringService()));
        NoEstimatorException e = assertThrows(NoEstimatorException.class,
                () -> analysis.fit(hsb, AnalysisRequest.of(ModelSpec.gaussian("math ~ 1 + (1 | school)"), REML)));
        assertTrue(e.getMessage().startsWith("no estimator available for this model"), e.getMessage());
        NestedLmmEstimator nested = new NestedLmmEstimator();
        analysis.addEstimator(nested, Components.properties(NestedLmmEstimator.class));
        Dataset penicillin = read("penicillin.csv");
        // the nested estimator does not declare crossed designs: the reason is given
        e = assertThrows(NoEstimatorException.class, () -> analysis.fit(penicillin,
                AnalysisRequest.of(ModelSpec.gaussian("diameter ~ 1 + (1 | plate) + (1 | sample)"), REML)));
        assertTrue(e.getMessage().contains("lmm-nested: does not fit crossed random effects"), e.getMessage());
        e = assertThrows(NoEstimatorException.class, () -> analysis.fit(hsb, AnalysisRequest.of(
                ModelSpec.gaussian("math ~ 1 + (1 | school)"), FitOptions.of(Method.LAPLACE, DdfMethod.NONE))));
        assertTrue(e.getMessage().contains("does not offer Laplace"), e.getMessage());
        analysis.removeEstimator(nested);
        assertThrows(NoEstimatorException.class,
                () -> analysis.fit(hsb, AnalysisRequest.of(ModelSpec.gaussian("math ~ 1 + (1 | school)"), REML)));
    }

    @Test
    void randomSlopeComparisonGivesTheReferenceMixture() throws Exception {
        String ref = Files.readString(ChiBarSquareTest.SHARED.resolve("reference/hsb_lrt_rslope.json"));
        Comparison c = Components.analysis(false).compare(hsb, List.of(ModelSpec.gaussian("math ~ cses + (1 | school)"),
                ModelSpec.gaussian("math ~ cses + (1 + cses | school)")), ML);
        LikelihoodRatioTest t = c.tests().get(0);
        assertEquals(ChiBarSquareTest.number(ref, "chisq"), t.chisq(), 0.005);
        assertEquals(2, t.df());
        assertEquals(ChiBarSquareTest.number(ref, "p"), t.p(), 0.02 * ChiBarSquareTest.number(ref, "p"));
        assertNotNull(t.pMixture());
        assertEquals(ChiBarSquareTest.number(ref, "pMixture"), t.pMixture(), 0.02 * ChiBarSquareTest.number(ref, "pMixture"));
        assertArrayEquals(new int[] {1, 2}, t.mixtureDf());
        assertEquals(ChiBarSquareTest.number(ref, "logLik0"), c.models().get(0).logLik(), 0.002);
        assertEquals(ChiBarSquareTest.number(ref, "logLik1"), c.models().get(1).logLik(), 0.002);
    }

    @Test
    void fixedEffectComparisonHasNoMixtureAndRemlIsRefittedWithMl() throws Exception {
        String ref = Files.readString(ChiBarSquareTest.SHARED.resolve("reference/hsb_lrt_sector.json"));
        // given in the "wrong" order: the comparison orders by number of parameters
        Comparison c = Components.analysis(false).compare(hsb, List.of(ModelSpec.gaussian("math ~ sector + (1 | school)"),
                ModelSpec.gaussian("math ~ 1 + (1 | school)")), REML);
        assertEquals("math ~ 1 + (1 | school)", c.models().get(0).formula());
        assertEquals("ML", c.models().get(0).method());
        LikelihoodRatioTest t = c.tests().get(0);
        assertEquals(ChiBarSquareTest.number(ref, "chisq"), t.chisq(), 0.005);
        assertEquals(1, t.df());
        assertNull(t.pMixture());
        assertTrue(c.warnings().stream().anyMatch(w -> w.contains("refitted with ML")), c.warnings().toString());
        // pseudo-R² from the REML fits (the reference's definition): 0.2249 for the school variance
        Object section = c.sections().stream().filter(s -> s.key().equals("pseudoR2")).findFirst().orElseThrow().json();
        String derived = Files.readString(ChiBarSquareTest.SHARED.resolve("reference/derived/hsb_derived.json"));
        double school = ChiBarSquareTest.number(derived.substring(derived.indexOf("pseudo_r2_sector")), "school");
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) ((List<Map<String, Object>>) section).get(0).get("pseudoR2");
        assertEquals(school, (Double) values.get("school"), 0.005 * school);
    }

    @Test
    void modelsOnDifferentRowsAreRefused() {
        // ses missing in one row: a model using ses has one row fewer than the empty model
        double[] ses = ((NumericColumn) hsb.column("ses").orElseThrow()).values().clone();
        ses[10] = Double.NaN;
        Dataset holed = hsb.withColumn(new NumericColumn("ses", ses));
        MultilevelException e = assertThrows(MultilevelException.class, () -> Components.analysis(false).compare(holed,
                List.of(ModelSpec.gaussian("math ~ 1 + (1 | school)"), ModelSpec.gaussian("math ~ ses + (1 | school)")), ML));
        assertTrue(e.getMessage().startsWith("cannot compare models fitted on different rows"), e.getMessage());
        assertTrue(e.getMessage().contains("data row 11"), e.getMessage());
    }

    /** Issue 10: a contrast naming no fixed effect cannot be honoured, so it is an error, before the fit. */
    @Test
    void aContrastNamingNoFixedEffectIsRefusedBeforeTheFit() {
        AnalysisComponent analysis = Components.analysis(true);
        AnalysisRequest request = new AnalysisRequest(ModelSpec.gaussian("math ~ cses + meanses + (1 | school)"), REML,
                List.of("contextual=meanses - nosuchterm"), Map.of());
        MultilevelException e = assertThrows(MultilevelException.class, () -> analysis.fit(hsb, request));
        assertTrue(e.getMessage().contains("'nosuchterm' is not a fixed effect of the model"), e.getMessage());
    }

    @Test
    void aFailingContributorBecomesAWarningInPlainWordsAndOnce() {
        AnalysisComponent analysis = Components.analysis(false);
        org.multilevel.api.analysis.ResultContributor failing = (model, data, request) -> {
            throw new MultilevelException("the example quantity could not be computed: no clusters");
        };
        org.multilevel.api.analysis.ResultContributor broken = (model, data, request) -> {
            throw new IllegalStateException("index 3");
        };
        analysis.addContributor(failing, Map.of("component.name", "org.example.ExampleContributor"));
        analysis.addContributor(failing, Map.of("component.name", "org.example.SameContributor"));
        analysis.addContributor(broken, Map.of("component.name", "org.example.BrokenQuantityContributor"));
        AnalysisResult result = analysis.fit(hsb, AnalysisRequest.of(ModelSpec.gaussian("math ~ cses + (1 | school)"), REML));
        assertTrue(result.fit().converged());
        List<String> w = result.fit().warnings();
        assertEquals(1, w.stream().filter(s -> s.equals("the example quantity could not be computed: no clusters")).count(),
                w.toString());
        assertTrue(w.contains("one of the additional results (broken quantity) could not be computed because of an"
                + " internal error: index 3; the fit itself is not affected"), w.toString());
        assertTrue(w.stream().noneMatch(s -> s.contains("Contributor") || s.contains("Exception")), w.toString());
    }

    @Test
    void collinearColumnsAreDroppedAndNamed() {
        double[] ses = ((NumericColumn) hsb.column("ses").orElseThrow()).values();
        double[] twice = new double[ses.length];
        for (int i = 0; i < ses.length; i++) twice[i] = 2 * ses[i];
        Dataset data = hsb.withColumn(new NumericColumn("ses2", twice));
        AnalysisResult result = Components.analysis(false).fit(data,
                AnalysisRequest.of(ModelSpec.gaussian("math ~ ses + ses2 + (1 | school)"), REML));
        assertEquals(List.of("(Intercept)", "ses"), result.fit().fixed().stream().map(f -> f.term()).toList());
        assertTrue(result.fit().warnings().stream().anyMatch(w -> w.contains("ses2")), result.fit().warnings().toString());
    }

    /** The frame of one model, to ask which estimator the service would choose for it. */
    record DesignMatricesHolder(org.multilevel.api.model.DesignMatrices design) {
        DesignMatricesHolder(AnalysisComponent analysis, ModelSpec spec) {
            this(new org.multilevel.formula.FormulaModelFrameBuilder(new org.multilevel.transform.internal.CenteringService())
                    .build(hsb, spec));
        }

        String chosen(AnalysisComponent analysis) {
            return analysis.fitDesign(design, ML, org.multilevel.api.task.TaskMonitor.NONE).result().estimator();
        }
    }

    @Test
    void concurrentAnalysesWhileEstimatorsComeAndGo() throws Exception {
        AnalysisComponent analysis = Components.analysis(false);
        Dataset dyestuff = read("dyestuff.csv");
        AnalysisRequest request = AnalysisRequest.of(ModelSpec.gaussian("Yield ~ 1 + (1 | Batch)"), REML);
        double expected = analysis.fit(dyestuff, request).fit().logLik();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Double>> results = new java.util.ArrayList<>();
            for (int k = 0; k < 40; k++) results.add(pool.submit(() -> analysis.fit(dyestuff, request).fit().logLik()));
            // meanwhile a second general estimator registers and leaves, as a bundle started and stopped
            for (int k = 0; k < 20; k++) {
                GeneralLmmEstimator extra = new GeneralLmmEstimator();
                analysis.addEstimator(extra, Components.properties(GeneralLmmEstimator.class));
                analysis.removeEstimator(extra);
            }
            for (java.util.concurrent.Future<Double> f : results) assertEquals(expected, f.get(), 1e-9);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void modelsThatAreNotNestedGetAWarning() {
        Comparison c = Components.analysis(false).compare(hsb, List.of(ModelSpec.gaussian("math ~ ses + (1 | school)"),
                ModelSpec.gaussian("math ~ sector + female + (1 | school)")), ML);
        assertEquals(1, c.tests().size());
        assertNull(c.tests().get(0).pMixture());
        assertTrue(c.warnings().stream().anyMatch(w -> w.startsWith("m0 (math ~ ses + (1 | school)) is not nested in m1")),
                c.warnings().toString());
    }

    @Test
    void anOptionNoContributorAnswersBecomesAWarning() {
        AnalysisComponent analysis = Components.analysis(false);
        analysis.addContributor(new org.multilevel.lmm.ProfileIntervalContributor(),
                Components.properties(org.multilevel.lmm.ProfileIntervalContributor.class));
        Dataset cbpp = read("cbpp.csv");
        AnalysisRequest binomial = new AnalysisRequest(
                ModelSpec.of("cbind(incidence, size - incidence) ~ period + (1 | herd)", Family.BINOMIAL),
                FitOptions.of(Method.LAPLACE, DdfMethod.NONE), List.of(), Map.of("ci", "profile", "robust", "true"));
        AnalysisResult glmm = analysis.fit(cbpp, binomial);
        assertTrue(glmm.sections().stream().noneMatch(s -> s.key().equals("profileCI")));
        List<String> w = glmm.fit().warnings();
        assertTrue(w.contains("profile-likelihood intervals are not available for this model (binomial GLMM); "
                + "the fixed-effects table shows Wald intervals"), w.toString());
        // no robust contributor is registered here at all: that is said too
        assertTrue(w.stream().anyMatch(s -> s.startsWith("cluster-robust standard errors are not available")), w.toString());
        // answered: a gaussian fit gets its profile intervals and no such warning
        Dataset dyestuff = read("dyestuff.csv");
        AnalysisResult lmm = analysis.fit(dyestuff, new AnalysisRequest(ModelSpec.gaussian("Yield ~ 1 + (1 | Batch)"),
                REML, List.of(), Map.of("ci", "profile")));
        assertTrue(lmm.sections().stream().anyMatch(s -> s.key().equals("profileCI")));
        assertTrue(lmm.fit().warnings().stream().noneMatch(s -> s.contains("not available")), lmm.fit().warnings().toString());
    }

    @Test
    void compoundSymmetryIsNestedInTheUnstructuredCovarianceOfTheSameFactor() {
        // pastes as FINDINGS F2's machines: (1 | batch/cask) is a restriction of (cask | batch); R's anova tests it
        Dataset pastes = read("pastes.csv");
        Comparison c = Components.analysis(false).compare(pastes, List.of(
                ModelSpec.gaussian("strength ~ 1 + (1 | batch/cask)"), ModelSpec.gaussian("strength ~ 1 + (cask | batch)")), ML);
        assertEquals(1, c.tests().size());
        assertEquals(4, c.tests().get(0).df());
        assertTrue(c.warnings().stream().noneMatch(w -> w.contains("nested")), c.warnings().toString());
        // not the classic case of added effects of a term: no boundary mixture is claimed
        assertNull(c.tests().get(0).pMixture());
        // different random effects: the proportional reduction of the intercept variance is not meaningful
        assertTrue(c.sections().stream().noneMatch(s -> s.key().equals("pseudoR2")), c.sections().toString());
    }

    @Test
    void crossedFactorsCannotBeShownNestedAndSaySo() {
        // school is not nested in minority: neither nesting nor its absence is asserted
        Comparison c = Components.analysis(false).compare(hsb, List.of(ModelSpec.gaussian("math ~ 1 + (1 | school)"),
                ModelSpec.gaussian("math ~ 1 + (1 + female | minority)")), ML);
        assertTrue(c.warnings().stream().anyMatch(w -> w.startsWith("could not verify that m0 (math ~ 1 + (1 | school)) "
                + "is nested in m1")), c.warnings().toString());
        assertTrue(c.warnings().stream().noneMatch(w -> w.contains("is not nested")), c.warnings().toString());
    }

    @Test
    void pseudoR2OnlyForGaussianModelsWithTheSameRandomTerms() {
        Comparison slope = Components.analysis(false).compare(hsb, List.of(ModelSpec.gaussian("math ~ cses + (1 | school)"),
                ModelSpec.gaussian("math ~ cses + meanses + (1 + cses | school)")), REML);
        assertTrue(slope.sections().stream().noneMatch(s -> s.key().equals("pseudoR2")), slope.sections().toString());
        Dataset cbpp = read("cbpp.csv");
        Comparison glmm = Components.analysis(false).compare(cbpp, List.of(
                ModelSpec.of("cbind(incidence, size - incidence) ~ 1 + (1 | herd)", Family.BINOMIAL),
                ModelSpec.of("cbind(incidence, size - incidence) ~ period + (1 | herd)", Family.BINOMIAL)),
                FitOptions.of(Method.LAPLACE, DdfMethod.NONE));
        assertEquals(1, glmm.tests().size());
        assertTrue(glmm.sections().stream().noneMatch(s -> s.key().equals("pseudoR2")), glmm.sections().toString());
        Comparison same = Components.analysis(false).compare(hsb, List.of(ModelSpec.gaussian("math ~ cses + (1 + cses | school)"),
                ModelSpec.gaussian("math ~ cses + meanses + (1 + cses | school)")), REML);
        assertTrue(same.sections().stream().anyMatch(s -> s.key().equals("pseudoR2")), same.sections().toString());
    }

    @Test
    void comparisonCarriesTheModelsSideBySide() {
        ModelSpec empty = ModelSpec.gaussian("math ~ 1 + (1 | school)");
        ModelSpec sector = ModelSpec.gaussian("math ~ sector + (1 | school)");
        Comparison c = Components.analysis(true).compare(hsb, List.of(sector, empty), REML);
        org.multilevel.api.analysis.ResultSection side = c.sections().stream()
                .filter(s -> s.key().equals("sideBySide")).findFirst().orElseThrow();
        // m0 is the model with fewer parameters, as in the likelihood-ratio table; the REML fits are shown
        AnalysisResult fit = Components.analysis(false).fit(hsb, AnalysisRequest.of(sector, REML));
        double estimate = fit.fit().fixed().get(1).estimate();
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) side.json();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) json.get("coefficients");
        Map<String, Object> row = rows.stream().filter(r -> r.get("model").equals("m1") && r.get("term").equals(
                fit.fit().fixed().get(1).term())).findFirst().orElseThrow();
        assertEquals(estimate, (Double) row.get("estimate"), 1e-9);
        assertEquals(1, rows.stream().filter(r -> r.get("model").equals("m0")).count());
        String text = side.text();
        assertTrue(text.contains("m0") && text.contains("m1") && text.contains(fit.fit().fixed().get(1).term()), text);
        assertTrue(text.contains("AIC") && text.contains("BIC") && text.contains("7185"), text);
        // the footer carries each model's ICC and R² as the contributors compute them for that model
        AnalysisResult withSections = Components.analysis(true).fit(hsb, AnalysisRequest.of(sector, REML));
        double icc = withSections.sections().stream().filter(s -> s.key().equals("icc"))
                .map(s -> ((Number) ((Map<?, ?>) s.json()).get("icc")).doubleValue()).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, List<Double>> summary = (Map<String, List<Double>>) json.get("summary");
        assertEquals(icc, summary.get("ICC").get(1), 1e-9);
        assertTrue(summary.get("ICC").get(0) > icc, "the empty model leaves more variance between schools");
        assertTrue(text.contains("ICC") && text.contains("R2 marginal"), text);
    }
}
