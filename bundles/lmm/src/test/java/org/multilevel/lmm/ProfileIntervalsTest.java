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
        // the section's JSON as the report writes it (Jackson on the records)
        JsonNode json = new ObjectMapper().valueToTree(new ProfileIntervalContributor()
                .contribute(m, null, request(m, "profile")).get(0).json());
        assertEquals("sd_(Intercept)|school", json.get(0).get("parameter").asText());
        assertEquals(".sig01", json.get(0).get("lme4Name").asText());
        for (String k : List.of("estimate", "lower", "upper")) assertTrue(json.get(3).get(k).isNumber(), k);
    }

    /** A case whose intervals were printed by R (stated in {@link #rCases}). */
    record RCase(String name, String data, String formula, Method method, boolean crossed,
                 Map<String, double[]> intervals) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Values printed by R 4.2 / lme4 (not committed references), each from
     * {@code confint(lmer(FORMULA, DATA, REML = ...), method = "profile", oldNames = FALSE)}, digits 7-10:
     * pastes (the batch SD profile never reaches the cutoff below: lower end 0), sleepstudy by ML with two
     * terms on one factor, penicillin (crossed factors, the general estimator) and hsb's random slope by REML
     * (R warns that its correlation profile is not monotonic and falls back to linear interpolation; the ends
     * still agree within 0.1% of the width).
     */
    static List<RCase> rCases() {
        return List.of(
                new RCase("pastes", "pastes.csv", "strength ~ 1 + (1|batch/cask)", Method.REML, false, Map.of(
                        "sd_(Intercept)|cask:batch", new double[] {2.1579337, 4.053589},
                        "sd_(Intercept)|batch", new double[] {0.0, 2.946591},
                        "sigma", new double[] {0.6520234, 1.085448},
                        "(Intercept)", new double[] {58.6636504, 61.443016})),
                new RCase("sleepstudy ML", "sleepstudy.csv", "Reaction ~ Days + (1|Subject) + (0+Days|Subject)",
                        Method.ML, false, Map.of(
                        "sd_(Intercept)|Subject", new double[] {15.258646, 37.78646},
                        "sd_Days|Subject", new double[] {3.964074, 8.76916},
                        "sigma", new double[] {22.880555, 28.78760},
                        "(Intercept)", new double[] {237.572148, 265.23806},
                        "Days", new double[] {7.334067, 13.60051})),
                new RCase("penicillin", "penicillin.csv", "diameter ~ 1 + (1|plate) + (1|sample)", Method.REML, true,
                        Map.of("sd_(Intercept)|plate", new double[] {0.6335659669, 1.1821039914},
                        "sd_(Intercept)|sample", new double[] {1.0957891882, 3.5562916368},
                        "sigma", new double[] {0.4858454002, 0.6294534785},
                        "(Intercept)", new double[] {21.2666273836, 24.6778176162})),
                new RCase("hsb random slope", "hsb.csv", "math ~ cses + (1 + cses|school)", Method.REML, false, Map.of(
                        "sd_(Intercept)|school", new double[] {2.6073481128, 3.3261984012},
                        "cor_cses.(Intercept)|school", new double[] {-0.3085957125, 0.3483063418},
                        "sd_cses|school", new double[] {0.4573615325, 1.1485820686},
                        "sigma", new double[] {5.9582239163, 6.1607026235},
                        "(Intercept)", new double[] {12.1553074128, 13.1165798667},
                        "cses", new double[] {1.9410346181, 2.4456129057})));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("rCases")
    void moreCasesMatchLme4(RCase c) {
        Dataset ds = new CsvDataImporter().read(CsvDesigns.SHARED.resolve("data").resolve(c.data()),
                ImportOptions.defaults());
        DesignMatrices d = new FormulaModelFrameBuilder(new CenteringService()).build(ds, ModelSpec.gaussian(c.formula()));
        FitOptions o = FitOptions.of(c.method(), DdfMethod.SATTERTHWAITE);
        var m = (org.multilevel.lmm.internal.LinearMixedFit) (c.crossed() ? new GeneralLmmEstimator().fit(d, o)
                : new NestedLmmEstimator().fit(d, o));
        List<ProfileIntervals.Interval> got = ProfileIntervals.compute(m, 0.95);
        assertEquals(c.intervals().size(), got.size(), got.toString());
        List<String> fails = new ArrayList<>();
        for (ProfileIntervals.Interval g : got) {
            double[] e = c.intervals().get(g.parameter());
            if (e == null) throw new AssertionError("unexpected parameter " + g.parameter());
            double tol = 0.005 * (e[1] - e[0]);
            if (Math.abs(g.lower() - e[0]) > tol) fails.add(g.parameter() + " lower " + g.lower() + " vs " + e[0]);
            if (Math.abs(g.upper() - e[1]) > tol) fails.add(g.parameter() + " upper " + g.upper() + " vs " + e[1]);
        }
        assertTrue(fails.isEmpty(), String.join("\n  ", fails));
        if (c.name().equals("pastes")) assertEquals(0.0, got.get(1).lower());
    }
}
