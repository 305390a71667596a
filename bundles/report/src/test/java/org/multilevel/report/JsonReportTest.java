package org.multilevel.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multilevel.api.analysis.AnalysisResult;
import org.multilevel.api.analysis.Comparison;
import org.multilevel.api.analysis.LikelihoodRatioTest;
import org.multilevel.api.analysis.ModelSummary;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FixedEffect;
import org.multilevel.api.report.ReportFormat;
import org.multilevel.api.report.ReportService;

class JsonReportTest {
    private final ReportService reports = new ReportComponent();

    static final List<String> FIT_KEYS = List.of("formula", "family", "link", "method", "estimator", "ddf", "nobs",
            "groups", "converged", "singular", "warnings", "fixed", "random", "sigma2", "logLik", "npar", "AIC", "BIC",
            "deviance", "REMLcriterion", "ranef");

    private static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    record Icc(String group, double value, double between, double residual) {
    }

    @Test
    void fitDocumentHasEveryKeyInSpecOrderThenSectionsThenOptimizer() throws IOException {
        Map<String, Object> design = new LinkedHashMap<>();
        design.put("value", 3.2);
        design.put("averageClusterSize", 10.0);
        List<ResultSection> sections = List.of(
                new ResultSection("icc", "Intraclass correlation", new Icc("Subject", 0.48, 612.1, 654.9), "ICC 0.48"),
                new ResultSection("designEffect", "Design effect", design, "3.2"));
        AnalysisResult result = Fixtures.analysis(Fixtures.sleepstudy(), sections);
        JsonNode doc = Fixtures.MAPPER.readTree(reports.render(result, ReportFormat.JSON));
        List<String> expected = new ArrayList<>(FIT_KEYS);
        // then what was done with the data (docs/results-json-extensions.md), the sections and the optimizer
        expected.addAll(List.of("nAGQ", "data", "readAsCategorical", "referenceLevels", "centering",
                "icc", "designEffect", "optimizer"));
        assertEquals(expected, keys(doc));
        assertEquals(List.of("term", "estimate", "se", "df", "statistic", "p", "lower", "upper"), keys(doc.get("fixed").get(0)));
        assertEquals(List.of("group", "terms", "covariance"), keys(doc.get("random").get(0)));
        assertEquals(List.of("terms", "levels"), keys(doc.get("ranef").get("Subject")));
        assertEquals(List.of("level", "values", "condSD"), keys(doc.get("ranef").get("Subject").get("levels").get(0)));
        assertEquals(18, doc.get("ranef").get("Subject").get("levels").size());
        assertEquals(List.of("group", "value", "between", "residual"), keys(doc.get("icc")));
        assertEquals(0.48, doc.get("icc").get("value").asDouble());
        assertEquals(List.of("name", "evaluations", "parameters", "message"), keys(doc.get("optimizer")));
    }

    @Test
    void numbersRoundTripAtFullPrecision() throws IOException {
        TestModel model = Fixtures.sleepstudy();
        FitResult fit = model.result();
        JsonNode doc = Fixtures.MAPPER.readTree(reports.render(Fixtures.analysis(model, List.of()), ReportFormat.JSON));
        for (int i = 0; i < fit.fixed().size(); i++) {
            FixedEffect f = fit.fixed().get(i);
            JsonNode node = doc.get("fixed").get(i);
            assertEquals(f.estimate(), node.get("estimate").doubleValue(), 0.0);
            assertEquals(f.se(), node.get("se").doubleValue(), 0.0);
            assertEquals(f.df(), node.get("df").doubleValue(), 0.0);
            assertEquals(f.p(), node.get("p").doubleValue(), 0.0);
            assertEquals(f.lower(), node.get("lower").doubleValue(), 0.0);
        }
        assertEquals(fit.logLik(), doc.get("logLik").doubleValue(), 0.0);
        assertEquals(fit.random().get(0).covariance()[0][1], doc.get("random").get(0).get("covariance").get(0).get(1).doubleValue(), 0.0);
        double[] first = fit.ranef().get("Subject").levels().get(0).values();
        assertEquals(first[1], doc.get("ranef").get("Subject").get("levels").get(0).get("values").get(1).doubleValue(), 0.0);
        assertEquals(180, doc.get("nobs").intValue());
        assertEquals(18, doc.get("groups").get("Subject").intValue());
        assertTrue(doc.get("converged").isBoolean());
        assertEquals("lmm-nested", doc.get("estimator").asText());
    }

    @Test
    void missingAndNonFiniteValuesAreNull() throws IOException {
        TestModel cbpp = Fixtures.cbpp();
        FitResult f = cbpp.result();
        List<FixedEffect> fixed = new ArrayList<>(f.fixed());
        FixedEffect first = fixed.get(0);
        fixed.set(0, new FixedEffect(first.term(), first.estimate(), first.se(), null, first.statistic(), Double.NaN,
                Double.NEGATIVE_INFINITY, first.upper()));
        FitResult changed = new FitResult(f.formula(), f.family(), f.link(), f.method(), f.estimator(), f.ddf(), f.nobs(),
                f.groups(), f.converged(), f.singular(), f.warnings(), fixed, f.random(), null, f.logLik(), f.npar(),
                f.aic(), f.bic(), f.deviance(), null, f.ranef(), null);
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("value", Double.NaN);
        section.put("list", new double[] {1.5, Double.POSITIVE_INFINITY});
        TestModel model = new TestModel(changed, cbpp.design(), cbpp.beta(), cbpp.fixedCovariance(),
                cbpp.fixedPrediction(), cbpp.conditionalPrediction());
        String json = reports.render(Fixtures.analysis(model, List.of(new ResultSection("r2", "R2", section, ""))),
                ReportFormat.JSON);
        assertTrue(!json.contains("NaN") && !json.contains("Infinity"), json);
        JsonNode doc = Fixtures.MAPPER.readTree(json);
        JsonNode row = doc.get("fixed").get(0);
        assertTrue(row.get("df").isNull() && row.get("p").isNull() && row.get("lower").isNull());
        assertTrue(row.get("upper").isNumber());
        assertTrue(doc.get("sigma2").isNull() && doc.get("REMLcriterion").isNull() && doc.get("optimizer").isNull());
        assertTrue(doc.get("r2").get("value").isNull());
        assertEquals(1.5, doc.get("r2").get("list").get(0).doubleValue());
        assertTrue(doc.get("r2").get("list").get(1).isNull());
    }

    /** The reference checker of the project reads the document exactly as the command line prints it. */
    @Test
    void referenceCheckerAcceptsTheFitDocuments(@TempDir Path dir) throws Exception {
        for (String id : List.of("sleepstudy_reml", "cbpp_binomial_laplace")) {
            TestModel model = id.startsWith("sleep") ? Fixtures.sleepstudy() : Fixtures.cbpp();
            Path actual = dir.resolve(id + ".json");
            Files.writeString(actual, reports.render(Fixtures.analysis(model, List.of()), ReportFormat.JSON));
            String out = checkReference(Fixtures.referenceFile(id), actual);
            assertTrue(out.trim().endsWith("PASS"), id + ": " + out);
        }
    }

    @Test
    void referenceCheckerRejectsAWrongDocument(@TempDir Path dir) throws Exception {
        String json = reports.render(Fixtures.analysis(Fixtures.sleepstudy(), List.of()), ReportFormat.JSON)
                .replace("\"nobs\" : 180", "\"nobs\" : 179");
        Path actual = dir.resolve("wrong.json");
        Files.writeString(actual, json);
        String out = checkReference(Fixtures.referenceFile("sleepstudy_reml"), actual);
        assertTrue(out.contains("nobs: 179 vs 180") && out.trim().endsWith("FAIL"), out);
    }

    static Comparison hsbRandomSlopeComparison() {
        JsonNode e = Fixtures.reference("hsb_lrt_rslope").get("expected");
        double ll0 = e.get("logLik0").asDouble(), ll1 = e.get("logLik1").asDouble();
        ModelSummary m0 = new ModelSummary("math ~ cses + (1 | school)", "ML", 7185, 4, ll0, -2 * ll0 + 8,
                -2 * ll0 + 4 * Math.log(7185), -2 * ll0);
        ModelSummary m1 = new ModelSummary("math ~ cses + (1 + cses | school)", "ML", 7185, 6, ll1, -2 * ll1 + 12,
                -2 * ll1 + 6 * Math.log(7185), -2 * ll1);
        LikelihoodRatioTest test = new LikelihoodRatioTest(0, 1, e.get("chisq").asDouble(), e.get("df").asInt(),
                e.get("p").asDouble(), e.get("pMixture").asDouble(), new int[] {1, 2});
        return new Comparison(List.of(m0, m1), List.of(test), List.of("Models were refitted by ML."), List.of());
    }

    @Test
    void compareDocumentHasItsKeysAndPassesTheReferenceChecker(@TempDir Path dir) throws Exception {
        String json = reports.render(hsbRandomSlopeComparison(), ReportFormat.JSON);
        JsonNode doc = Fixtures.MAPPER.readTree(json);
        assertEquals(List.of("models", "tests", "warnings"), keys(doc));
        assertEquals(List.of("formula", "method", "nobs", "npar", "logLik", "AIC", "BIC", "deviance"), keys(doc.get("models").get(0)));
        assertEquals(List.of("from", "to", "chisq", "df", "p", "pMixture", "mixtureDf"), keys(doc.get("tests").get(0)));
        assertEquals(2, doc.get("tests").get(0).get("mixtureDf").get(1).intValue());
        Path actual = dir.resolve("lrt.json");
        Files.writeString(actual, json);
        String out = checkReference(Fixtures.referenceFile("hsb_lrt_rslope"), actual);
        assertTrue(out.trim().endsWith("PASS"), out);
    }

    @Test
    void standAloneSectionsAreOneKeyEach() throws IOException {
        List<ResultSection> sections = List.of(new ResultSection("olsByCluster", "OLS by cluster",
                List.of(Map.of("cluster", "1224", "slope", 2.5)), "..."), new ResultSection("note", "Note", "text", "text"));
        JsonNode doc = Fixtures.MAPPER.readTree(reports.render(sections, ReportFormat.JSON));
        assertEquals(List.of("olsByCluster", "note"), keys(doc));
        assertEquals(2.5, doc.get("olsByCluster").get(0).get("slope").doubleValue());
    }

    static String checkReference(Path reference, Path actual) throws IOException, InterruptedException {
        Path script = Fixtures.shared().resolve("tools/check-reference.py");
        Process p = new ProcessBuilder("python3", script.toString(), "--compare", reference.toString(), actual.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
