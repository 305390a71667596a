package org.multilevel.lmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.data.internal.CsvDataImporter;
import org.multilevel.formula.FormulaModelFrameBuilder;
import org.multilevel.lmm.internal.ProfileIntervals;
import org.multilevel.transform.internal.CenteringService;

/**
 * lme4's confint(method = "profile") intervals of shared/reference/inference/inference.json, through the real
 * importer, formula module, estimator and the contributor; each end within 0.5% of the interval's width.
 */
class ProfileIntervalsTest {
    static JsonNode inference() throws IOException {
        return new ObjectMapper().readTree(CsvDesigns.SHARED.resolve("reference/inference/inference.json").toFile());
    }

    static FittedModel fit(JsonNode ref) {
        Dataset ds = new CsvDataImporter().read(CsvDesigns.SHARED.resolve("data").resolve(ref.get("data").asText()),
                ImportOptions.defaults());
        DesignMatrices d = new FormulaModelFrameBuilder(new CenteringService())
                .build(ds, ModelSpec.gaussian(ref.get("formula").asText()));
        return new NestedLmmEstimator().fit(d, FitOptions.of(Method.parse(ref.get("method").asText()),
                DdfMethod.SATTERTHWAITE));
    }

    static AnalysisRequest request(FittedModel m, String ci) {
        return new AnalysisRequest(m.design().spec(), FitOptions.of(Method.REML, DdfMethod.SATTERTHWAITE), List.of(),
                Map.of("ci", ci));
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @ValueSource(strings = {"profile_sleepstudy", "profile_hsb_sector"})
    void reproducesLme4ProfileIntervals(String id) throws IOException {
        JsonNode ref = inference().get(id);
        FittedModel m = fit(ref);
        List<ResultSection> sections = new ProfileIntervalContributor().contribute(m, null, request(m, "profile"));
        assertEquals(1, sections.size());
        assertEquals("profileCI", sections.get(0).key());
        List<ProfileIntervals.Interval> got = (List<ProfileIntervals.Interval>) sections.get(0).json();
        assertEquals(ref.get("intervals").size(), got.size());
        List<String> fails = new ArrayList<>();
        for (JsonNode e : ref.get("intervals")) {
            String name = e.get("parameter").asText();
            ProfileIntervals.Interval g = got.stream().filter(i -> i.parameter().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no interval for " + name + " in " + got));
            double lo = e.get("lower").asDouble();
            double hi = e.get("upper").asDouble();
            double tol = 0.005 * (hi - lo);
            if (Math.abs(g.lower() - lo) > tol) fails.add(name + " lower " + g.lower() + " vs " + lo);
            if (Math.abs(g.upper() - hi) > tol) fails.add(name + " upper " + g.upper() + " vs " + hi);
            assertTrue(g.lower() <= g.estimate() && g.estimate() <= g.upper(), name + " interval excludes estimate");
        }
        assertTrue(fails.isEmpty(), id + ":\n  " + String.join("\n  ", fails));
        String text = sections.get(0).text();
        assertTrue(text.contains("sigma") && text.contains("(Intercept)"), text);
    }

    @Test
    void lme4NamesAndOnlyWhenAsked() throws IOException {
        JsonNode ref = inference().get("profile_hsb_sector");
        FittedModel m = fit(ref);
        assertTrue(new ProfileIntervalContributor().contribute(m, null, request(m, "wald")).isEmpty());
        List<ProfileIntervals.Interval> got = ProfileIntervals.compute((org.multilevel.lmm.internal.LinearMixedFit) m,
                0.95);
        assertEquals(List.of(".sig01", ".sigma", "(Intercept)", "sector"),
                got.stream().map(ProfileIntervals.Interval::lme4Name).toList());
        // a narrower level gives a narrower interval inside the 95% one
        List<ProfileIntervals.Interval> narrow = ProfileIntervals.compute(
                (org.multilevel.lmm.internal.LinearMixedFit) m, 0.5);
        for (int i = 0; i < got.size(); i++) {
            assertTrue(narrow.get(i).lower() > got.get(i).lower() && narrow.get(i).upper() < got.get(i).upper(),
                    got.get(i).parameter());
        }
        assertFalse(got.get(0).lower() <= 0);
    }

    /**
     * Values printed by R 4.2 / lme4 (not a committed reference): for pastes,
     * {@code confint(lmer(strength ~ 1 + (1|batch/cask), pastes), method = "profile", oldNames = FALSE)}, whose
     * batch SD profile never reaches the cutoff below (lower end 0); for sleepstudy by ML with two terms on one
     * factor, {@code confint(lmer(Reaction ~ Days + (1|Subject) + (0+Days|Subject), sleepstudy, REML = FALSE),
     * method = "profile", oldNames = FALSE)}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"pastes", "sleepstudy"})
    void boundaryAndTwoTermCasesMatchLme4(String which) {
        boolean pastes = which.equals("pastes");
        Dataset ds = new CsvDataImporter().read(CsvDesigns.SHARED.resolve("data").resolve(which + ".csv"),
                ImportOptions.defaults());
        String formula = pastes ? "strength ~ 1 + (1|batch/cask)" : "Reaction ~ Days + (1|Subject) + (0+Days|Subject)";
        DesignMatrices d = new FormulaModelFrameBuilder(new CenteringService()).build(ds, ModelSpec.gaussian(formula));
        var m = (org.multilevel.lmm.internal.LinearMixedFit) new NestedLmmEstimator().fit(d,
                FitOptions.of(pastes ? Method.REML : Method.ML, DdfMethod.SATTERTHWAITE));
        List<ProfileIntervals.Interval> got = ProfileIntervals.compute(m, 0.95);
        Map<String, double[]> r = pastes
                ? Map.of("sd_(Intercept)|cask:batch", new double[] {2.1579337, 4.053589},
                        "sd_(Intercept)|batch", new double[] {0.0, 2.946591},
                        "sigma", new double[] {0.6520234, 1.085448},
                        "(Intercept)", new double[] {58.6636504, 61.443016})
                : Map.of("sd_(Intercept)|Subject", new double[] {15.258646, 37.78646},
                        "sd_Days|Subject", new double[] {3.964074, 8.76916},
                        "sigma", new double[] {22.880555, 28.78760},
                        "(Intercept)", new double[] {237.572148, 265.23806},
                        "Days", new double[] {7.334067, 13.60051});
        assertEquals(r.size(), got.size(), got.toString());
        List<String> fails = new ArrayList<>();
        for (ProfileIntervals.Interval g : got) {
            double[] e = r.get(g.parameter());
            if (e == null) throw new AssertionError("unexpected parameter " + g.parameter());
            double tol = 0.005 * (e[1] - e[0]);
            if (Math.abs(g.lower() - e[0]) > tol) fails.add(g.parameter() + " lower " + g.lower() + " vs " + e[0]);
            if (Math.abs(g.upper() - e[1]) > tol) fails.add(g.parameter() + " upper " + g.upper() + " vs " + e[1]);
        }
        assertTrue(fails.isEmpty(), String.join("\n  ", fails));
        if (pastes) assertEquals(0.0, got.get(1).lower());
    }
}
