package org.multilevel.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.multilevel.analysis.internal.AnalysisComponent;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.AnalysisResult;
import org.multilevel.api.analysis.ResultContributor;
import org.multilevel.api.data.DataImporter;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.descriptor.AnalysisDescriptor;
import org.multilevel.api.descriptor.OptionDescriptor;
import org.multilevel.api.descriptor.OptionException;
import org.multilevel.api.descriptor.OptionType;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.Estimator;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FixedEffect;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.ModelFrameBuilder;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.report.ReportFormat;
import org.multilevel.api.results.ResultContainer;
import org.multilevel.api.results.ResultElement;
import org.multilevel.api.results.ResultTable;
import org.multilevel.api.results.Results;
import org.multilevel.api.results.ResultsService;

/**
 * Descriptor round trips through the real components (CSV import, formula, estimators, contributors, analysis
 * and report services): options JSON, validated options, analysis, structured results; and every validation message.
 */
class HostAnalysesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path SHARED = Path.of(System.getProperty("user.dir")).resolve("../../../shared");
    private static AnalysisComponent analysis;
    private static HostAnalyses host;
    private static Dataset sleep;
    private static Dataset hsb;
    private static Dataset penicillin;

    @BeforeAll
    static void wire() {
        analysis = new AnalysisComponent(Components.one(ModelFrameBuilder.class));
        for (var e : Components.withProperties(Estimator.class)) analysis.addEstimator(e.getKey(), e.getValue());
        for (var e : Components.withProperties(ResultContributor.class)) analysis.addContributor(e.getKey(), e.getValue());
        host = new HostAnalyses(analysis, Components.one(ResultsService.class));
        DataImporter importer = Components.one(DataImporter.class);
        sleep = importer.read(SHARED.resolve("data/sleepstudy.csv"), ImportOptions.defaults());
        hsb = importer.read(SHARED.resolve("data/hsb.csv"), ImportOptions.defaults());
        penicillin = importer.read(SHARED.resolve("data/penicillin.csv"), ImportOptions.defaults());
    }

    static ResultTable table(Results results, String name) {
        List<ResultElement> queue = new ArrayList<>(results.elements());
        while (!queue.isEmpty()) {
            ResultElement e = queue.remove(0);
            if (e instanceof ResultTable t && t.name().equals(name)) return t;
            if (e instanceof ResultContainer c) queue.addAll(c.elements());
        }
        return null;
    }

    private static String message(String id, String json, Dataset data) {
        return assertThrows(OptionException.class, () -> host.run(id, json, data)).getMessage();
    }

    @Test
    void catalogueHasTheFourAnalysesWithTypedDefaults() {
        List<String> titles = host.analyses().stream().map(AnalysisDescriptor::title).toList();
        assertEquals(List.of("Linear Mixed Model", "Generalized Linear Mixed Model", "Per-cluster OLS", "Model comparison"), titles);
        for (AnalysisDescriptor d : host.analyses()) {
            assertEquals("Mixed Models", d.menuPath().get(0));
            for (OptionDescriptor o : d.options()) {
                assertTrue(o.help() != null && !o.help().isBlank(), o.name());
                if (o.type() == OptionType.ENUM) assertTrue(o.allowedValues().contains((String) o.defaultValue()), o.name());
                if (o.type() == OptionType.VARIABLE || o.type() == OptionType.VARIABLES) {
                    assertTrue(!o.columnTypes().isEmpty(), o.name());
                }
            }
        }
    }

    @Test
    void lmmRoundTripFromVariableOptions() throws Exception {
        String json = "{\"dependent\": \"Reaction\", \"fixed\": [\"Days\"], \"cluster\": \"Subject\", \"randomSlopes\": [\"Days\"]}";
        Map<String, Object> options = host.validate(Catalogue.LMM, json, sleep);
        assertEquals(List.of("Days"), options.get("fixed"));
        assertEquals("REML", options.get("method"));
        assertEquals("Satterthwaite", options.get("ddf"));
        AnalysisRequest request = HostAnalyses.lmmRequest(options);
        assertEquals("Reaction ~ Days + (1 + Days | Subject)", request.model().formula());
        assertEquals(Method.REML, request.fit().method());

        Results results = host.run(Catalogue.LMM, json, sleep);
        AnalysisResult direct = analysis.fit(sleep, AnalysisRequest.of(ModelSpec.gaussian("Reaction ~ Days + (Days | Subject)"),
                FitOptions.of(Method.REML, DdfMethod.SATTERTHWAITE)));
        ResultTable fixed = table(results, "fixedEffects");
        JsonNode expected = MAPPER.readTree(SHARED.resolve("reference/sleepstudy_reml.json").toFile()).get("expected").get("fixed");
        for (int i = 0; i < direct.fit().fixed().size(); i++) {
            FixedEffect f = direct.fit().fixed().get(i);
            assertEquals(f.estimate(), (Double) fixed.rows().get(i).get("estimate"), 1e-9 * Math.abs(f.estimate()));
            assertEquals(f.df(), (Double) fixed.rows().get(i).get("df"), 1e-6 * f.df());
            // and lme4's numbers (reference tolerance of the estimates)
            assertEquals(expected.get(i).get("estimate").asDouble(), (Double) fixed.rows().get(i).get("estimate"),
                    1e-4 * Math.abs(expected.get(i).get("estimate").asDouble()));
        }
        Map<String, Object> fit = table(results, "modelFit").rows().get(0);
        assertEquals(direct.fit().logLik(), (Double) fit.get("logLik"), 1e-8);
        assertNotNull(fit.get("r2Marginal"), "R² from the derived contributor");
        assertNotNull(fit.get("icc"), "ICC from the derived contributor");
        for (var section : direct.sections()) {
            JsonNode sectionJson = MAPPER.valueToTree(section.json());
            if (section.key().equals("r2")) {
                assertEquals(sectionJson.get("marginal").asDouble(), (Double) fit.get("r2Marginal"), 1e-9);
                assertEquals(sectionJson.get("conditional").asDouble(), (Double) fit.get("r2Conditional"), 1e-9);
            }
            if (section.key().equals("icc")) {
                assertEquals(sectionJson.get("icc").asDouble(), (Double) fit.get("icc"), 1e-9);
            }
        }
        assertTrue(host.run(Catalogue.LMM, "{\"formula\": \"Reaction ~ Days + (Days | Subject)\"}", sleep)
                .elements().get(0) instanceof ResultTable info && info.rows().get(0).get("value").equals("Reaction ~ Days + (Days | Subject)"));
        ResultsService render = Components.one(ResultsService.class);
        assertTrue(render.render(results, ReportFormat.TEXT).contains("Fixed effects:"));
    }

    @Test
    void perClusterOlsRoundTrip() {
        String json = "{\"dependent\": \"math\", \"fixed\": [\"ses\"], \"cluster\": \"school\"}";
        Map<String, Object> options = host.validate(Catalogue.OLS_BY_CLUSTER, json, hsb);
        assertEquals("school", options.get("cluster"));
        Results results = host.run(Catalogue.OLS_BY_CLUSTER, json, hsb);
        assertEquals("Per-cluster OLS: math ~ ses", results.title());
        ResultTable clusters = table(results, "olsByCluster.clusters");
        assertNotNull(clusters, results.toString());
        java.util.Set<Double> schools = new java.util.HashSet<>();
        var school = (org.multilevel.api.data.NumericColumn) hsb.column("school").orElseThrow();
        for (double s : school.values()) schools.add(s);
        assertEquals(schools.size(), clusters.rows().size());
        int rows = 0;
        for (Map<String, Object> r : clusters.rows()) rows += ((Number) r.get("n")).intValue();
        assertEquals(hsb.rows(), rows);
        // the first cluster's slope equals the least-squares slope cov(ses, math) / var(ses) of its rows
        var math = (org.multilevel.api.data.NumericColumn) hsb.column("math").orElseThrow();
        var ses = (org.multilevel.api.data.NumericColumn) hsb.column("ses").orElseThrow();
        Map<String, Object> first = clusters.rows().get(0);
        double id = Double.parseDouble((String) first.get("cluster"));
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (int i = 0; i < hsb.rows(); i++) {
            if (school.values()[i] != id) continue;
            n++;
            sx += ses.values()[i];
            sy += math.values()[i];
            sxx += ses.values()[i] * ses.values()[i];
            sxy += ses.values()[i] * math.values()[i];
        }
        double slope = (sxy - sx * sy / n) / (sxx - sx * sx / n);
        assertEquals(slope, (Double) first.get("ses.estimate"), 1e-9 * Math.max(1, Math.abs(slope)));
        assertEquals((sy - slope * sx) / n, (Double) first.get("(Intercept).estimate"), 1e-8);
    }

    @Test
    void modelComparisonRoundTrip() {
        Results results = host.run(Catalogue.COMPARE, "{\"model1\": \"Reaction ~ Days + (1 | Subject)\", "
                + "\"model2\": \"Reaction ~ Days + (Days | Subject)\"}", sleep);
        ResultTable models = table(results, "models");
        assertEquals("ML", models.rows().get(0).get("method"));
        ResultTable tests = table(results, "likelihoodRatioTests");
        assertEquals(1, tests.rows().size());
        double chisq = 2 * ((Double) models.rows().get(1).get("logLik") - (Double) models.rows().get(0).get("logLik"));
        assertEquals(chisq, (Double) tests.rows().get(0).get("chisq"), 1e-6);
        assertEquals(2, tests.rows().get(0).get("df"));
        // the Results document of a comparison reads back to the same tree
        String json = Components.one(ResultsService.class).render(results, ReportFormat.JSON);
        assertEquals(results, org.multilevel.report.internal.ResultsDocument.read(json));
    }

    @Test
    void glmmRoundTripFromAFormulaOption() throws Exception {
        Dataset cbpp = Components.one(DataImporter.class).read(SHARED.resolve("data/cbpp.csv"), ImportOptions.defaults());
        JsonNode reference = MAPPER.readTree(SHARED.resolve("reference/cbpp_binomial_laplace.json").toFile());
        String options = MAPPER.writeValueAsString(Map.of("formula", reference.get("formula").asText(), "family", "binomial"));
        Results results = host.run(Catalogue.GLMM, options, cbpp);
        ResultTable fixed = table(results, "fixedEffects");
        assertEquals("Odds ratio", fixed.column("ratio").title());
        JsonNode expected = reference.get("expected").get("fixed");
        assertEquals(expected.size(), fixed.rows().size());
        for (int i = 0; i < expected.size(); i++) {
            double estimate = (Double) fixed.rows().get(i).get("estimate");
            // the reference tolerance of a Laplace fit's estimates
            assertEquals(expected.get(i).get("estimate").asDouble(), estimate, 1e-3 * Math.max(1, Math.abs(estimate)));
            assertEquals(Math.exp(estimate), (Double) fixed.rows().get(i).get("ratio"), 1e-12);
        }
    }

    @Test
    void glmmOptionsBecomeTheRequest() {
        Map<String, Object> options = host.validate(Catalogue.GLMM,
                "{\"dependent\": \"diameter\", \"cluster\": \"plate\", \"family\": \"Poisson\", \"method\": \"agq\", \"quadraturePoints\": 5}", penicillin);
        AnalysisRequest request = HostAnalyses.glmmRequest(options);
        assertEquals("diameter ~ 1 + (1 | plate)", request.model().formula());
        assertEquals("poisson", request.model().family().rName());
        assertEquals(Method.AGQ, request.fit().method());
        assertEquals(5, request.fit().quadraturePoints());
        assertEquals("option 'quadraturePoints' must be more than 1 for AGQ (1 point is the Laplace method)",
                message(Catalogue.GLMM, "{\"dependent\": \"diameter\", \"cluster\": \"plate\", \"method\": \"AGQ\"}", penicillin));
    }

    @Test
    void everyValidationMessage() {
        String base = "\"dependent\": \"Reaction\", \"cluster\": \"Subject\"";
        assertEquals("there is no analysis 'lmn'; did you mean 'lmm'?", message("lmn", "{}", sleep));
        assertEquals("unknown option 'dependant' for Linear Mixed Model; did you mean 'dependent'?",
                message(Catalogue.LMM, "{\"dependant\": \"Reaction\"}", sleep));
        assertTrue(message(Catalogue.LMM, "{\"colour\": 1}", sleep).startsWith("unknown option 'colour' for Linear Mixed Model (options: dependent, fixed"));
        assertEquals("option 'fixed' must be a list of variable names, not the text \"Days\"",
                message(Catalogue.LMM, "{" + base + ", \"fixed\": \"Days\"}", sleep));
        assertEquals("option 'quadraturePoints' must be a whole number, not the number 2.5",
                message(Catalogue.GLMM, "{" + base + ", \"quadraturePoints\": 2.5}", sleep));
        assertEquals("option 'method' does not allow 'GLS' (allowed: REML, ML)",
                message(Catalogue.LMM, "{" + base + ", \"method\": \"GLS\"}", sleep));
        assertEquals("option 'ddf' does not allow 'satterthwait' (allowed: Satterthwaite, Kenward-Roger, between-within, "
                + "residual, none); did you mean 'Satterthwaite'?", message(Catalogue.LMM, "{" + base + ", \"ddf\": \"satterthwait\"}", sleep));
        assertEquals("option 'dependent' names 'Reacton', which is not a column of the data; did you mean 'Reaction'?",
                message(Catalogue.LMM, "{\"dependent\": \"Reacton\", \"cluster\": \"Subject\"}", sleep));
        assertEquals("option 'dependent' needs a scale variable, but 'plate' is nominal",
                message(Catalogue.LMM, "{\"dependent\": \"plate\", \"cluster\": \"sample\"}", penicillin));
        assertEquals("option 'cluster' (Cluster variable) is required for Per-cluster OLS",
                message(Catalogue.OLS_BY_CLUSTER, "{\"dependent\": \"Reaction\"}", sleep));
        assertEquals("option 'model2' (Model 2) is required for Model comparison",
                message(Catalogue.COMPARE, "{\"model1\": \"Reaction ~ 1 + (1 | Subject)\"}", sleep));
        assertEquals("give either option 'formula', or options 'dependent' and 'cluster' (with 'fixed' and 'randomSlopes' as needed)",
                message(Catalogue.LMM, "{\"dependent\": \"Reaction\"}", sleep));
        assertEquals("'Days' is both the dependent variable and a fixed effect",
                message(Catalogue.LMM, "{\"dependent\": \"Days\", \"fixed\": [\"Days\"], \"cluster\": \"Subject\"}", sleep));
        assertEquals("option 'fixed' names 'Days' twice",
                message(Catalogue.LMM, "{" + base + ", \"fixed\": [\"Days\", \"Days\"]}", sleep));
        assertEquals("give either option 'formula' or the variable options (dependent, fixed), not both: 'dependent' is "
                + "given with 'formula'", message(Catalogue.OLS_BY_CLUSTER,
                "{\"formula\": \"Reaction ~ Days\", \"dependent\": \"Reaction\", \"cluster\": \"Subject\"}", sleep));
        assertEquals("option 'formula' is empty", message(Catalogue.LMM, "{\"formula\": \" \"}", sleep));
        assertEquals("the options of Linear Mixed Model must be a JSON object of option names and values",
                message(Catalogue.LMM, "[1]", sleep));
        assertTrue(message(Catalogue.LMM, "{\"dependent\": ", sleep).startsWith("the options of Linear Mixed Model are not valid JSON"));
    }
}
