package org.multilevel.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.AnalysisResult;
import org.multilevel.api.data.DataImporter;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.Estimator;
import org.multilevel.api.fit.EstimatorProperties;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.Link;
import org.multilevel.api.model.ModelFrameBuilder;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.report.ReportFormat;
import org.multilevel.api.report.ReportService;
import org.w3c.dom.Document;

/**
 * Reports of models fitted by the real components (CSV import, formula, the estimator services) on the
 * reference data: the JSON passes the project's reference checker, the text and HTML render every level.
 */
class RealFitTest {
    private final ReportService reports = new ReportComponent();

    static AnalysisResult fit(JsonNode ref) {
        Dataset data = Components.one(DataImporter.class).read(Fixtures.shared().resolve("data").resolve(ref.get("data").asText()),
                ImportOptions.defaults());
        Family family = Family.parse(ref.get("family").asText());
        ModelSpec spec = new ModelSpec(ref.get("formula").asText(), family, Link.parse(ref.get("link").asText()),
                java.util.Map.of(), List.of());
        DesignMatrices design = Components.one(ModelFrameBuilder.class).build(data, spec);
        FitOptions options = FitOptions.of(Method.parse(ref.get("method").asText()),
                family == Family.GAUSSIAN ? DdfMethod.SATTERTHWAITE : DdfMethod.NONE);
        // as the analysis service chooses: by the family and method declared, then by ranking
        List<Estimator> candidates = Components.all(Estimator.class,
                d -> d.properties().getOrDefault(EstimatorProperties.FAMILIES, "").contains(family.rName())
                        && d.properties().getOrDefault(EstimatorProperties.METHODS, "").contains(options.method().label()));
        for (Estimator e : candidates) {
            if (e.unsupported(design, options).isEmpty()) {
                FittedModel model = e.fit(design, options);
                return new AnalysisResult(AnalysisRequest.of(spec, options), model, List.of());
            }
        }
        throw new IllegalStateException("no estimator for " + ref.get("id").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sleepstudy_reml", "sleepstudy_ml", "dyestuff_reml", "pastes_nested_reml",
        "penicillin_crossed_reml", "hsb_sector_reml", "grouseticks_poisson_laplace"})
    void reportsOfRealFitsPassTheReferenceCheckAndRenderEveryLevel(String id, @TempDir Path dir) throws Exception {
        AnalysisResult result = fit(Fixtures.reference(id));
        assertTrue(checkReference(id, result, dir).endsWith("PASS"));
        assertRendersEveryTermAndLevel(result);
    }

    /**
     * The binomial fit's report (z tests, odds ratios, Pearson residuals). Its p-values are the estimator's
     * business, so the reference checker is not applied here; the document must still carry every key.
     */
    @org.junit.jupiter.api.Test
    void reportOfARealBinomialFit() throws Exception {
        AnalysisResult result = fit(Fixtures.reference("cbpp_binomial_laplace"));
        String text = reports.render(result, ReportFormat.TEXT);
        assertTrue(text.contains("Odds ratios with 95% confidence intervals:") && text.contains("z value"), text);
        assertRendersEveryTermAndLevel(result);
    }

    private String checkReference(String id, AnalysisResult result, Path dir) throws Exception {
        String json = reports.render(result, ReportFormat.JSON);
        Path actual = dir.resolve(id + ".json");
        Files.writeString(actual, json);
        String out = JsonReportTest.checkReference(Fixtures.referenceFile(id), actual).trim();
        assertTrue(out.endsWith("PASS"), id + ":\n" + out);
        return out;
    }

    private void assertRendersEveryTermAndLevel(AnalysisResult result) throws Exception {
        String json = reports.render(result, ReportFormat.JSON);
        JsonNode doc = Fixtures.MAPPER.readTree(json);
        List<String> keys = new java.util.ArrayList<>();
        doc.fieldNames().forEachRemaining(keys::add);
        assertEquals(JsonReportTest.FIT_KEYS, keys.subList(0, JsonReportTest.FIT_KEYS.size()));
        for (var e : result.fit().ranef().entrySet()) {
            assertEquals(e.getValue().levels().size(), doc.get("ranef").get(e.getKey()).get("levels").size());
        }
        String text = reports.render(result, ReportFormat.TEXT);
        for (var f : result.fit().fixed()) assertTrue(text.contains("\n" + f.term() + " "), f.term() + " missing:\n" + text);
        assertTrue(text.contains("Number of obs: " + result.fit().nobs()));

        String html = reports.render(result, ReportFormat.HTML);
        Document page = HtmlReportTest.parse(html);
        HtmlReportTest.assertSelfContained(page, html);
        int caterpillars = 0;
        for (var modes : result.fit().ranef().values()) caterpillars += modes.terms().size();
        int plots = page.getElementsByTagName("svg").getLength();
        assertTrue(plots == 2 * caterpillars + 2 || plots == 2 * caterpillars + 3, plots + " plots");
        assertEquals(plots, page.getElementsByTagName("figure").getLength());
    }
}
