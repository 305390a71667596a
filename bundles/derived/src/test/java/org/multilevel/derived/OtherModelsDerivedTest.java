package org.multilevel.derived;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.data.internal.CsvDataImporter;
import org.multilevel.derived.internal.DesignEffectContributor;
import org.multilevel.derived.internal.IccContributor;
import org.multilevel.derived.internal.R2Contributor;
import org.multilevel.derived.internal.ReliabilityContributor;
import org.multilevel.formula.FormulaModelFrameBuilder;
import org.multilevel.glmm.internal.LaplaceEstimator;
import org.multilevel.lmm.GeneralLmmEstimator;
import org.multilevel.lmm.NestedLmmEstimator;
import org.multilevel.transform.internal.CenteringService;

/** ICC and friends on three-level, binomial and poisson models; expected values from R's variance estimates. */
class OtherModelsDerivedTest {
    private static final Path SHARED = Path.of(System.getProperty("user.dir")).resolve("../../../shared").normalize();
    private static final FormulaModelFrameBuilder FRAMES = new FormulaModelFrameBuilder(new CenteringService());

    private static Dataset data(String file) {
        return new CsvDataImporter().read(SHARED.resolve("data").resolve(file), ImportOptions.defaults());
    }

    private static JsonNode reference(String name) throws IOException {
        return new ObjectMapper().readTree(SHARED.resolve("reference").resolve(name).toFile());
    }

    private static double variance(JsonNode ref, String group) {
        for (JsonNode r : ref.get("expected").get("random")) {
            if (r.get("group").asText().equals(group)) return r.get("covariance").get(0).get(0).asDouble();
        }
        throw new AssertionError("no group " + group);
    }

    @SuppressWarnings("unchecked")
    private static List<IccContributor.FactorIcc> factors(ResultSection s) {
        return (List<IccContributor.FactorIcc>) ((Map<String, Object>) s.json()).get("factors");
    }

    private static IccContributor.FactorIcc factor(ResultSection s, String group) {
        return factors(s).stream().filter(f -> f.group().equals(group)).findFirst().orElseThrow();
    }

    @Test
    void threeLevelIccSharesAndWithinCaskCorrelation() throws IOException {
        JsonNode ref = reference("pastes_nested_reml.json");
        Dataset pastes = data("pastes.csv");
        FitOptions reml = FitOptions.of(Method.REML, DdfMethod.SATTERTHWAITE);
        FittedModel m = new NestedLmmEstimator().fit(FRAMES.build(pastes, ModelSpec.gaussian(ref.get("formula").asText())), reml);
        ResultSection icc = new IccContributor().contribute(m, pastes, AnalysisRequest.of(m.design().spec(), reml)).get(0);
        double cask = variance(ref, "cask:batch");
        double batch = variance(ref, "batch");
        double total = cask + batch + ref.get("expected").get("sigma2").asDouble();
        assertEquals(cask / total, factor(icc, "cask:batch").icc(), 0.01 * cask / total);
        assertEquals(batch / total, factor(icc, "batch").icc(), 0.02 * batch / total);
        assertEquals((cask + batch) / total, factor(icc, "cask:batch").withinClusterCorrelation(), 0.01);
        assertNull(factor(icc, "batch").withinClusterCorrelation(), "batch lies in no other factor");

        ResultSection deff = new DesignEffectContributor().contribute(m, pastes, AnalysisRequest.of(m.design().spec(), reml)).get(0);
        @SuppressWarnings("unchecked")
        List<DesignEffectContributor.FactorDesignEffect> effects =
                (List<DesignEffectContributor.FactorDesignEffect>) ((Map<String, Object>) deff.json()).get("factors");
        assertEquals(2.0, effects.stream().filter(e -> e.group().equals("cask:batch")).findFirst().orElseThrow()
                .meanClusterSize(), 1e-12, "60 rows in 30 casks");
        assertEquals(6.0, effects.stream().filter(e -> e.group().equals("batch")).findFirst().orElseThrow()
                .meanClusterSize(), 1e-12, "60 rows in 10 batches");
    }

    @Test
    void singularFitHasIccZeroAndNoDesignEffect() {
        int clusters = 10;
        double[] y = new double[clusters * 3];
        double[] g = new double[clusters * 3];
        for (int i = 0; i < y.length; i++) {
            y[i] = 1 + i % 3; // every cluster has the same mean: no between-cluster variance
            g[i] = i / 3;
        }
        Dataset d = new Dataset("flat", List.of(new org.multilevel.api.data.NumericColumn("y", y),
                new org.multilevel.api.data.NumericColumn("g", g)));
        FitOptions reml = FitOptions.of(Method.REML, DdfMethod.SATTERTHWAITE);
        FittedModel m = new NestedLmmEstimator().fit(FRAMES.build(d, ModelSpec.gaussian("y ~ 1 + (1 | g)")), reml);
        AnalysisRequest request = AnalysisRequest.of(m.design().spec(), reml);
        ResultSection icc = new IccContributor().contribute(m, d, request).get(0);
        assertEquals(0, factor(icc, "g").icc(), 1e-6);
        ResultSection deff = new DesignEffectContributor().contribute(m, d, request).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) deff.json();
        assertEquals(1, (Double) values.get("designEffect"), 1e-5);
        assertEquals(30, (Double) values.get("effectiveN"), 1e-3);
    }

    @Test
    void binomialIccIsOnTheLatentScale() throws IOException {
        JsonNode ref = reference("cbpp_binomial_laplace.json");
        Dataset cbpp = data("cbpp.csv");
        FitOptions laplace = FitOptions.of(Method.LAPLACE, DdfMethod.NONE);
        FittedModel m = new LaplaceEstimator().fit(
                FRAMES.build(cbpp, ModelSpec.of(ref.get("formula").asText(), Family.BINOMIAL)), laplace);
        AnalysisRequest request = AnalysisRequest.of(m.design().spec(), laplace);
        ResultSection icc = new IccContributor().contribute(m, cbpp, request).get(0);
        double tau = variance(ref, "herd");
        double expected = tau / (tau + Math.PI * Math.PI / 3);
        assertEquals(expected, factor(icc, "herd").icc(), 0.02 * expected);
        assertTrue(icc.text().contains("pi^2/3"), icc.text());
        assertTrue(new ReliabilityContributor().contribute(m, cbpp, request).isEmpty(), "reliability needs sigma^2");
        ResultSection r2 = new R2Contributor().contribute(m, cbpp, request).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) r2.json();
        double marginal = (Double) values.get("marginal");
        double conditional = (Double) values.get("conditional");
        assertTrue(marginal > 0 && marginal < conditional && conditional < 1, r2.text());
    }

    @Test
    void poissonIccUsesTheLogNormalApproximation() throws IOException {
        JsonNode ref = reference("grouseticks_poisson_laplace.json");
        Dataset grouse = data("grouseticks.csv");
        FitOptions laplace = FitOptions.of(Method.LAPLACE, DdfMethod.NONE);
        FittedModel m = new LaplaceEstimator().fit(
                FRAMES.build(grouse, ModelSpec.of(ref.get("formula").asText(), Family.POISSON)), laplace);
        ResultSection icc = new IccContributor().contribute(m, grouse, AnalysisRequest.of(m.design().spec(), laplace)).get(0);
        double brood = variance(ref, "BROOD");
        double location = variance(ref, "LOCATION");
        // the distribution variance ln(1 + 1/lambda) is positive and the two factor shares keep R's ratio
        IccContributor.FactorIcc b = factor(icc, "BROOD");
        IccContributor.FactorIcc l = factor(icc, "LOCATION");
        assertEquals(brood / location, b.icc() / l.icc(), 0.03 * brood / location);
        assertTrue(b.icc() + l.icc() < 1 && b.icc() + l.icc() > 0.5, icc.text());
        assertTrue(icc.text().contains("log-normal"), icc.text());
    }

    @Test
    void uncorrelatedInterceptAndSlopeOnOneFactorGiveOneIccFactor() throws IOException {
        JsonNode ref = reference("sleepstudy_uncorr_reml.json");
        Dataset sleep = data("sleepstudy.csv");
        FitOptions reml = FitOptions.of(Method.REML, DdfMethod.SATTERTHWAITE);
        FittedModel m = new GeneralLmmEstimator().fit(FRAMES.build(sleep, ModelSpec.gaussian(ref.get("formula").asText())), reml);
        AnalysisRequest request = AnalysisRequest.of(m.design().spec(), reml);
        ResultSection icc = new IccContributor().contribute(m, sleep, request).get(0);
        assertEquals(1, factors(icc).size());
        assertEquals("Subject", factors(icc).get(0).group());
        ResultSection reliability = new ReliabilityContributor().contribute(m, sleep, request).get(0);
        @SuppressWarnings("unchecked")
        List<ReliabilityContributor.TermReliability> terms = (List<ReliabilityContributor.TermReliability>)
                ((Map<String, Object>) reliability.json()).get("terms");
        assertEquals(2, terms.size(), "one per variance component");
        for (ReliabilityContributor.TermReliability t : terms) {
            for (Double v : t.reliability().values()) assertTrue(v > 0 && v < 1, reliability.text());
        }
    }
}
