package org.multilevel.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.multilevel.api.analysis.AnalysisResult;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FixedEffect;
import org.multilevel.api.fit.VarianceComponent;
import org.multilevel.api.model.RandomTerm;
import org.multilevel.api.report.ReportFormat;
import org.multilevel.api.results.ColumnType;
import org.multilevel.api.results.Footnote;
import org.multilevel.api.results.ResultContainer;
import org.multilevel.api.results.ResultElement;
import org.multilevel.api.results.ResultPlot;
import org.multilevel.api.results.ResultTable;
import org.multilevel.api.results.Results;
import org.multilevel.report.internal.ResultsDocument;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The structured results of real fits: each table's structure and numbers against the fit, and the renderings. */
class StructuredResultsTest {
    private static final ReportComponent SERVICE = new ReportComponent();
    private static AnalysisResult sleep;
    private static Results sleepResults;

    @BeforeAll
    static void fitSleepstudy() {
        sleep = RealFitTest.fit(Fixtures.reference("sleepstudy_reml"));
        sleepResults = SERVICE.results(sleep);
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

    static List<ResultPlot> plots(Results results) {
        List<ResultPlot> out = new ArrayList<>();
        List<ResultElement> queue = new ArrayList<>(results.elements());
        while (!queue.isEmpty()) {
            ResultElement e = queue.remove(0);
            if (e instanceof ResultPlot p) out.add(p);
            if (e instanceof ResultContainer c) queue.addAll(c.elements());
        }
        return out;
    }

    private static List<String> names(ResultTable t) {
        return t.columns().stream().map(c -> c.name()).toList();
    }

    @Test
    void modelInformationAndGroupsDescribeTheFitAndTheClusterSizes() {
        FitResult fit = sleep.fit();
        ResultTable info = table(sleepResults, "modelInformation");
        Map<String, Object> byProperty = new LinkedHashMap<>();
        for (Map<String, Object> r : info.rows()) byProperty.put((String) r.get("property"), r.get("value"));
        assertEquals(fit.formula(), byProperty.get("Formula"));
        assertEquals(fit.method(), byProperty.get("Method"));
        assertEquals(fit.converged() ? "yes" : "no", byProperty.get("Converged"));
        assertEquals(Integer.toString(fit.nobs()), byProperty.get("Observations"));
        assertTrue(((String) byProperty.get("Optimizer")).startsWith(fit.optimizer().name()));

        ResultTable groups = table(sleepResults, "groups");
        assertEquals(List.of("group", "levels", "min", "mean", "max"), names(groups));
        RandomTerm term = sleep.model().design().random().get(0);
        int[] size = new int[term.levelCount()];
        for (int level : term.levelOfRow()) size[level]++;
        Map<String, Object> row = groups.rows().get(0);
        assertEquals(fit.groups().get(term.group()), row.get("levels"));
        assertEquals(java.util.Arrays.stream(size).min().getAsInt(), row.get("min"));
        assertEquals(java.util.Arrays.stream(size).max().getAsInt(), row.get("max"));
        assertEquals((double) fit.nobs() / size.length, (Double) row.get("mean"), 1e-12);
    }

    @Test
    void modelFitAndFixedEffectsCarryTheFitsNumbers() {
        FitResult fit = sleep.fit();
        Map<String, Object> mf = table(sleepResults, "modelFit").rows().get(0);
        assertEquals(fit.logLik(), mf.get("logLik"));
        assertEquals(fit.deviance(), mf.get("deviance"));
        assertEquals(fit.npar(), mf.get("npar"));
        assertEquals(fit.aic(), mf.get("aic"));
        assertEquals(fit.bic(), mf.get("bic"));
        assertEquals(fit.remlCriterion(), mf.get("remlCriterion"));

        ResultTable fixed = table(sleepResults, "fixedEffects");
        assertEquals(List.of("term", "estimate", "se", "df", "statistic", "p", "lower", "upper"), names(fixed));
        assertEquals(ColumnType.PVALUE, fixed.column("p").type());
        assertEquals("t", fixed.column("statistic").title());
        assertEquals(fit.fixed().size(), fixed.rows().size());
        for (int i = 0; i < fit.fixed().size(); i++) {
            FixedEffect f = fit.fixed().get(i);
            Map<String, Object> r = fixed.rows().get(i);
            assertEquals(f.term(), r.get("term"));
            assertEquals(f.estimate(), r.get("estimate"));
            assertEquals(f.se(), r.get("se"));
            assertEquals(f.df(), r.get("df"));
            assertEquals(f.statistic(), r.get("statistic"));
            assertEquals(f.p(), r.get("p"));
            assertEquals(f.lower(), r.get("lower"));
            assertEquals(f.upper(), r.get("upper"));
        }
        assertTrue(fixed.footnotes().stream().anyMatch(n -> n.target() == Footnote.Target.COLUMN
                && n.text().contains("Satterthwaite")));
    }

    @Test
    void varianceComponentsHaveVariancesSdsCorrelationsAndTheResidual() {
        FitResult fit = sleep.fit();
        ResultTable vc = table(sleepResults, "varianceComponents");
        assertEquals(List.of("group", "term", "variance", "sd", "corr1"), names(vc));
        int row = 0;
        for (VarianceComponent c : fit.random()) {
            for (int k = 0; k < c.terms().size(); k++) {
                Map<String, Object> r = vc.rows().get(row++);
                assertEquals(c.terms().get(k), r.get("term"));
                assertEquals(c.covariance()[k][k], r.get("variance"));
                assertEquals(c.sd(k), (Double) r.get("sd"), 1e-15);
                if (k == 1) assertEquals(c.correlation(1, 0), r.get("corr1"));
                else assertNull(r.get("corr1"));
            }
        }
        Map<String, Object> residual = vc.rows().get(row);
        assertEquals("Residual", residual.get("group"));
        assertEquals(fit.sigma2(), residual.get("variance"));
        assertEquals(row + 1, vc.rows().size());
    }

    @Test
    void aSingularFitHasItsWarningAndTheZeroVarianceCellAsFootnotes() {
        // (1 | batch) + (1 | sample) on the Pastes data: the batch variance is estimated as zero by lme4 too
        AnalysisResult result = RealFitTest.fit(Fixtures.reference("pastes_nested_reml"));
        Results results = SERVICE.results(result);
        ResultTable vc = table(results, "varianceComponents");
        if (result.fit().singular()) {
            assertTrue(vc.footnotes().stream().anyMatch(n -> n.target() == Footnote.Target.TABLE
                    && n.text().toLowerCase().contains("singular")), vc.footnotes().toString());
        } else {
            assertTrue(vc.footnotes().stream().noneMatch(n -> n.text().toLowerCase().contains("singular")));
        }
        for (Footnote n : vc.footnotes()) {
            if (n.target() == Footnote.Target.CELL) {
                assertEquals("variance", n.column());
                assertTrue((Double) vc.rows().get(n.row()).get("variance") < 1e-8);
            }
        }
    }

    @Test
    void aPoissonFitHasZTestsAndRateRatios() {
        AnalysisResult result = RealFitTest.fit(Fixtures.reference("grouseticks_poisson_laplace"));
        ResultTable fixed = table(SERVICE.results(result), "fixedEffects");
        assertFalse(names(fixed).contains("df"));
        assertEquals("z", fixed.column("statistic").title());
        assertEquals("Rate ratio", fixed.column("ratio").title());
        for (int i = 0; i < result.fit().fixed().size(); i++) {
            FixedEffect f = result.fit().fixed().get(i);
            assertEquals(Math.exp(f.estimate()), (Double) fixed.rows().get(i).get("ratio"), 1e-12);
            assertEquals(Math.exp((Double) fixed.rows().get(i).get("lower")), (Double) fixed.rows().get(i).get("ratioLower"), 1e-12);
        }
        assertNull(table(SERVICE.results(result), "varianceComponents").rows().stream()
                .filter(r -> "Residual".equals(r.get("group"))).findFirst().orElse(null));
    }

    @Test
    void plotsAreThereWithSvgAndPng() {
        List<ResultPlot> plots = plots(sleepResults);
        int terms = 0;
        for (var m : sleep.fit().ranef().values()) terms += m.terms().size();
        // caterpillar and Q-Q plot per random term, residuals vs fitted, level-1 Q-Q, and fitted lines over Days
        assertEquals(2 * terms + 3, plots.size());
        assertTrue(plots.stream().anyMatch(p -> p.title().toLowerCase().contains("caterpillar")));
        for (ResultPlot p : plots) {
            assertTrue(p.svg().startsWith("<svg"), p.title());
            assertNotNull(p.png());
            assertEquals((byte) 0x89, p.png()[0]);
            assertEquals('P', p.png()[1]);
        }
    }

    /** As the derived bundle's OLS coefficients: the term first. */
    record Coefficient(String term, double estimate) {
    }

    @Test
    void tabularSectionsBecomeTables() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cluster", "school");
        json.put("fittedClusters", 2);
        json.put("terms", List.of("(Intercept)", "ses"));
        json.put("clusters", List.of(
                new LinkedHashMap<>(Map.of("cluster", "a", "n", 10, "r2", 0.5, "p", 0.01, "coefficients",
                        List.of(new Coefficient("ses", 2.5)))),
                new LinkedHashMap<>(Map.of("cluster", "b", "n", 3, "r2", 0.25))));
        ResultSection section = new ResultSection("olsByCluster", "OLS by cluster", json, "text");
        Results results = SERVICE.results("OLS", List.of(section,
                new ResultSection("notes", "Notes", "a sentence", "a sentence\n")));
        ResultTable scalars = table(results, "olsByCluster");
        assertEquals(3, scalars.rows().size());
        assertEquals(List.of("name", "value", "text"), names(scalars));
        assertEquals("school", scalars.rows().get(0).get("text"));
        assertEquals(2.0, scalars.rows().get(1).get("value"));
        assertEquals("(Intercept), ses", scalars.rows().get(2).get("text"));
        ResultTable clusters = table(results, "olsByCluster.clusters");
        assertEquals(2, clusters.rows().size());
        assertEquals(ColumnType.INTEGER, clusters.column("n").type());
        assertEquals(ColumnType.NUMBER, clusters.column("r2").type());
        assertEquals(ColumnType.PVALUE, clusters.column("p").type());
        assertEquals(3, clusters.rows().get(1).get("n"));
        assertNull(clusters.rows().get(1).get("p"));
        // a nested list of named records is spread out as "name.field" columns
        assertEquals(ColumnType.NUMBER, clusters.column("ses.estimate").type());
        assertEquals(2.5, clusters.rows().get(0).get("ses.estimate"));
        assertNull(clusters.rows().get(1).get("ses.estimate"));
        assertEquals("a sentence", table(results, "notes").rows().get(0).get("text"));
    }

    @Test
    void jsonOfResultsRoundTripsThroughJackson() throws Exception {
        String json = SERVICE.render(sleepResults, ReportFormat.JSON);
        Results back = ResultsDocument.read(json);
        assertEquals(sleepResults, back);
        assertEquals(json, ResultsDocument.write(back));
        var doc = Fixtures.MAPPER.readTree(json);
        assertEquals("table", doc.get("elements").get(0).get("type").asText());
        assertEquals("string", doc.get("elements").get(0).get("columns").get(0).get("type").asText());
    }

    @Test
    void textAndHtmlRenderEveryTableWithItsFootnoteMarkers() throws Exception {
        Results results = new Results("Demo", List.of(new ResultTable("t", "A table",
                List.of(org.multilevel.api.results.TableColumn.string("term", "Term"),
                        org.multilevel.api.results.TableColumn.number("x", "X", "dp:2"),
                        org.multilevel.api.results.TableColumn.pvalue("p", "p")),
                List.of(Map.of("term", "a", "x", 1.23456, "p", 1e-20), Map.of("term", "b", "x", 2.0, "p", 0.5)),
                List.of(Footnote.table("whole"), Footnote.column("on x", "x"), Footnote.row("on b", 1),
                        Footnote.cell("on a's p", "p", 0)))));
        String text = SERVICE.render(results, ReportFormat.TEXT);
        assertTrue(text.contains("X a"), text);
        assertTrue(text.contains("1.23"), text);
        assertTrue(text.contains("<2e-16 c"), text);
        assertTrue(text.contains("b b"), text);
        assertTrue(text.contains("Note. whole") && text.contains("a. on x") && text.contains("c. on a's p"), text);

        String html = SERVICE.render(sleepResults, ReportFormat.HTML);
        Document page = HtmlReportTest.parse(html);
        HtmlReportTest.assertSelfContained(page, html);
        NodeList tables = page.getElementsByTagName("table");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < tables.getLength(); i++) ids.add(((Element) tables.item(i)).getAttribute("id"));
        assertTrue(ids.containsAll(List.of("modelInformation", "groups", "modelFit", "fixedEffects", "varianceComponents")), ids.toString());
        assertEquals(plots(sleepResults).size(), page.getElementsByTagName("svg").getLength());
        String sleepText = SERVICE.render(sleepResults, ReportFormat.TEXT);
        for (FixedEffect f : sleep.fit().fixed()) assertTrue(sleepText.contains(f.term()));
    }
}
