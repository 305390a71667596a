package org.multilevel.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FixedEffect;
import org.multilevel.api.fit.VarianceComponent;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.FixedDesign;
import org.multilevel.api.report.ReportFormat;
import org.multilevel.api.report.ReportService;
import org.multilevel.report.text.RNumbers;

class TextReportTest {
    private final ReportService reports = new ReportComponent();

    private static List<String> lines(String text) {
        return Arrays.asList(text.split("\n", -1));
    }

    /** The lines after a heading line, up to the next blank line. */
    private static List<String> block(String text, String heading) {
        List<String> all = lines(text);
        int start = all.indexOf(heading);
        assertTrue(start >= 0, "no heading '" + heading + "' in:\n" + text);
        List<String> out = new ArrayList<>();
        for (int i = start + 1; i < all.size() && !all.get(i).isBlank(); i++) out.add(all.get(i));
        return out;
    }

    private static String[] cells(String line) {
        return line.trim().split("\\s+");
    }

    /** Every cell of a right-aligned column ends where its header ends. */
    private static void assertRightAligned(List<String> table, String header) {
        int end = table.get(0).indexOf(header) + header.length();
        assertTrue(end >= header.length(), header + " not in " + table.get(0));
        for (String row : table.subList(1, table.size())) {
            if (row.startsWith("---") || row.startsWith("Number of obs")) break;
            assertTrue(row.length() >= end && row.charAt(end - 1) != ' ' && (row.length() == end || row.charAt(end) == ' '),
                    "column " + header + " not aligned in row '" + row + "'");
        }
    }

    @Test
    void linearModelReadsLikeLmerTestSummary() {
        TestModel model = Fixtures.sleepstudy();
        FitResult fit = model.result();
        String text = reports.render(Fixtures.analysis(model, List.of()), ReportFormat.TEXT);
        assertEquals("Linear mixed model fit by REML. t-tests use Satterthwaite's method", lines(text).get(0));
        assertTrue(text.contains("\nFormula: Reaction ~ Days + (Days | Subject)\n"));
        assertTrue(text.contains("\nREML criterion at convergence: "
                + String.format(Locale.ROOT, "%.1f", fit.remlCriterion()) + "\n"), text);
        assertTrue(text.contains("\nNumber of obs: 180, groups:  Subject, 18\n"), text);

        List<String> random = block(text, "Random effects:");
        assertEquals(List.of("Groups", "Name", "Variance", "Std.Dev.", "Corr"), List.of(cells(random.get(0))));
        VarianceComponent vc = fit.random().get(0);
        String[] intercept = cells(random.get(1));
        assertEquals("Subject", intercept[0]);
        assertEquals("(Intercept)", intercept[1]);
        assertEquals(vc.covariance()[0][0], Double.parseDouble(intercept[2]), 0.005);
        assertEquals(vc.sd(0), Double.parseDouble(intercept[3]), 0.0005);
        String[] days = cells(random.get(2));
        assertEquals("Days", days[0]);
        assertEquals(vc.covariance()[1][1], Double.parseDouble(days[1]), 0.005);
        assertEquals(vc.correlation(1, 0), Double.parseDouble(days[3]), 0.005);
        String[] residual = cells(random.get(3));
        assertEquals("Residual", residual[0]);
        assertEquals(fit.sigma2(), Double.parseDouble(residual[1]), 0.005);
        assertRightAligned(random, "Variance");
        assertRightAligned(random, "Std.Dev.");

        List<String> fixed = block(text, "Fixed effects:");
        assertEquals(List.of("Estimate", "Std.", "Error", "df", "t", "value", "Pr(>|t|)"), List.of(cells(fixed.get(0))));
        for (int i = 0; i < fit.fixed().size(); i++) {
            FixedEffect f = fit.fixed().get(i);
            String[] row = cells(fixed.get(i + 1));
            assertEquals(f.term(), row[0]);
            assertEquals(f.estimate(), Double.parseDouble(row[1]), 0.0005);
            assertEquals(f.se(), Double.parseDouble(row[2]), 0.0005);
            assertEquals(f.df(), Double.parseDouble(row[3]), 0.0005);
            assertEquals(f.statistic(), Double.parseDouble(row[4]), 0.0005);
            assertEquals(RNumbers.pValue(f.p()), row[5]);
            assertEquals("***", row[6]);
        }
        for (String h : List.of("Estimate", "Std. Error", "df", "t value", "Pr(>|t|)")) assertRightAligned(fixed, h);
        assertTrue(text.contains("\n" + RNumbers.SIGNIF_LEGEND + "\n"));
        assertFalse(text.contains("Odds ratio") || text.contains("Warning"), text);
    }

    @Test
    void scaledResidualQuantilesAreThoseOfTheConditionalResiduals() {
        TestModel model = Fixtures.sleepstudy();
        String text = reports.render(Fixtures.analysis(model, List.of()), ReportFormat.TEXT);
        List<String> block = block(text, "Scaled residuals:");
        assertEquals(List.of("Min", "1Q", "Median", "3Q", "Max"), List.of(cells(block.get(0))));
        double sigma = Math.sqrt(model.result().sigma2());
        double[] r = new double[model.design().rows()];
        for (int i = 0; i < r.length; i++) r[i] = (model.design().y()[i] - model.conditionalPrediction()[i]) / sigma;
        Arrays.sort(r);
        String[] shown = cells(block.get(1));
        assertEquals(r[0], Double.parseDouble(shown[0]), 1e-4);
        assertEquals(r[r.length - 1], Double.parseDouble(shown[4]), 1e-4);
        double median = (r[89] + r[90]) / 2;
        assertEquals(median, Double.parseDouble(shown[2]), 1e-4);
        double q1 = r[44] + 0.75 * (r[45] - r[44]);
        assertEquals(q1, Double.parseDouble(shown[1]), 1e-4);
    }

    @Test
    void binomialModelShowsZTestsAndOddsRatios() {
        TestModel model = Fixtures.cbpp();
        FitResult fit = model.result();
        String text = reports.render(Fixtures.analysis(model, List.of()), ReportFormat.TEXT);
        assertEquals("Generalized linear mixed model fit by maximum likelihood (Laplace Approximation)", lines(text).get(0));
        assertEquals(" Family: binomial  ( logit )", lines(text).get(1));
        int header = lines(text).indexOf("   AIC   BIC logLik deviance df.resid");
        assertTrue(header > 0, text);
        String[] ic = cells(lines(text).get(header + 1));
        assertEquals(fit.aic(), Double.parseDouble(ic[0]), 0.05);
        assertEquals(fit.bic(), Double.parseDouble(ic[1]), 0.05);
        assertEquals(fit.logLik(), Double.parseDouble(ic[2]), 0.05);
        assertEquals(fit.deviance(), Double.parseDouble(ic[3]), 0.05);
        assertEquals(Integer.toString(fit.nobs() - fit.npar()), ic[4]);
        assertFalse(text.contains("REML criterion"));

        List<String> fixed = block(text, "Fixed effects:");
        assertEquals(List.of("Estimate", "Std.", "Error", "z", "value", "Pr(>|z|)"), List.of(cells(fixed.get(0))));
        for (int i = 0; i < fit.fixed().size(); i++) {
            String[] row = cells(fixed.get(i + 1));
            assertEquals(fit.fixed().get(i).term(), row[0]);
            assertEquals(fit.fixed().get(i).statistic(), Double.parseDouble(row[3]), 0.0005);
        }
        List<String> ratios = block(text, "Odds ratios with 95% confidence intervals:");
        assertEquals(List.of("Odds", "ratio", "2.5", "%", "97.5", "%"), List.of(cells(ratios.get(0))));
        assertEquals(fit.fixed().size() + 1, ratios.size());
        for (int i = 0; i < fit.fixed().size(); i++) {
            FixedEffect f = fit.fixed().get(i);
            String[] row = cells(ratios.get(i + 1));
            assertEquals(f.term(), row[0]);
            assertEquals(Math.exp(f.estimate()), Double.parseDouble(row[1]), 1e-3 * Math.exp(f.estimate()));
            assertEquals(Math.exp(f.lower()), Double.parseDouble(row[2]), 1e-3 * Math.exp(f.lower()));
            assertEquals(Math.exp(f.upper()), Double.parseDouble(row[3]), 1e-3 * Math.exp(f.upper()));
            assertTrue(Double.parseDouble(row[2]) < Double.parseDouble(row[1]) && Double.parseDouble(row[1]) < Double.parseDouble(row[3]));
        }
        assertRightAligned(ratios, "Odds ratio");
        List<String> random = block(text, "Random effects:");
        assertFalse(random.stream().anyMatch(l -> l.contains("Residual")), "a binomial model has no residual variance");
        assertTrue(text.contains("Scaled Pearson residuals:"));
    }

    @Test
    void poissonModelShowsRateRatios() {
        var ref = Fixtures.reference("grouseticks_poisson_laplace");
        FitResult fit = Fixtures.result(ref, "glmm-laplace", "none", java.util.Map.of(), List.of());
        TestModel model = new TestModel(fit, null, null, null, null, null);
        String text = reports.render(new org.multilevel.api.analysis.AnalysisResult(null, model, List.of()), ReportFormat.TEXT);
        assertEquals(" Family: poisson  ( log )", lines(text).get(1));
        List<String> ratios = block(text, "Rate ratios with 95% confidence intervals:");
        assertEquals(fit.fixed().size() + 1, ratios.size());
        String[] first = cells(ratios.get(1));
        assertEquals(Math.exp(fit.fixed().get(0).estimate()), Double.parseDouble(first[1]), 1e-3 * Math.exp(fit.fixed().get(0).estimate()));
        List<String> random = block(text, "Random effects:");
        assertEquals(1 + fit.random().size(), random.size() - 1, "header, one row per term, then 'Number of obs'");
        String groups = lines(text).stream().filter(l -> l.startsWith("Number of obs:")).findFirst().orElseThrow();
        for (String g : fit.groups().keySet()) assertTrue(groups.contains(g + ", " + fit.groups().get(g)), groups);
    }

    @Test
    void warningsAndSectionsFollowTheTables() {
        TestModel base = Fixtures.sleepstudy();
        FitResult f = base.result();
        FitResult troubled = new FitResult(f.formula(), f.family(), f.link(), f.method(), f.estimator(), f.ddf(), f.nobs(),
                f.groups(), false, true, List.of("Model failed to converge after 10000 evaluations."), f.fixed(),
                f.random(), f.sigma2(), f.logLik(), f.npar(), f.aic(), f.bic(), f.deviance(), f.remlCriterion(),
                f.ranef(), f.optimizer());
        DesignMatrices d = base.design();
        FixedDesign x = d.fixed();
        FixedDesign withDropped = new FixedDesign(x.columnNames(), x.values(), x.assign(), x.termLabels(), List.of("Days2"));
        DesignMatrices notes = new DesignMatrices(d.spec(), d.y(), d.weights(), d.offset(), withDropped, d.random(),
                d.dataRows(), List.of("3 rows with missing values in Reaction were dropped."));
        TestModel model = new TestModel(troubled, notes, base.beta(), base.fixedCovariance(), base.fixedPrediction(),
                base.conditionalPrediction());
        List<ResultSection> sections = List.of(new ResultSection("icc", "Intraclass correlation", 0.48, "ICC  0.48\n"),
                new ResultSection("r2", "R-squared", 0.7, "marginal 0.28  conditional 0.80"));
        String text = reports.render(Fixtures.analysis(model, sections), ReportFormat.TEXT);
        List<String> warnings = block(text, "Warnings:");
        assertEquals(4, warnings.size(), text);
        assertTrue(warnings.get(0).contains("3 rows with missing values in Reaction were dropped."));
        assertTrue(warnings.get(1).contains("Days2") && warnings.get(1).contains("collinear"));
        assertTrue(warnings.get(2).contains("failed to converge"));
        assertTrue(warnings.get(3).contains("singular"));
        int icc = text.indexOf("\nIntraclass correlation:\nICC  0.48\n");
        int r2 = text.indexOf("\nR-squared:\nmarginal 0.28  conditional 0.80\n");
        assertTrue(icc > text.indexOf("Warnings:") && r2 > icc, text);
    }

    @Test
    void comparisonReadsLikeAnovaOfModels() {
        var comparison = JsonReportTest.hsbRandomSlopeComparison();
        String text = reports.render(comparison, ReportFormat.TEXT);
        List<String> all = lines(text);
        assertEquals("Models:", all.get(0));
        assertTrue(all.get(1).startsWith("m0: math ~ cses + (1 | school)"));
        assertTrue(all.get(2).startsWith("m1: math ~ cses + (1 + cses | school)"));
        assertEquals(List.of("npar", "AIC", "BIC", "logLik", "deviance", "Chisq", "Df", "Pr(>Chisq)", "Pr(mixture)"),
                List.of(cells(all.get(3))));
        String[] m0 = cells(all.get(4));
        assertEquals(6, m0.length, "the first model has no test: " + all.get(4));
        assertEquals("4", m0[1]);
        String[] m1 = cells(all.get(5));
        var test = comparison.tests().get(0);
        assertEquals("m1", m1[0]);
        assertEquals(test.chisq(), Double.parseDouble(m1[6]), 0.0005);
        assertEquals("2", m1[7]);
        assertEquals(RNumbers.pValue(test.p()), m1[8]);
        assertEquals(RNumbers.pValue(test.pMixture()), m1[9]);
        assertEquals("**", m1[10]);
        assertEquals(comparison.models().get(1).logLik(), Double.parseDouble(m1[4]), 0.5);
        assertTrue(text.contains("chi-square(1) and chi-square(2)"));
        assertTrue(text.contains("\nWarning:\n  Models were refitted by ML.\n"));
    }

    @Test
    void standAloneSectionsAreRenderedUnderTheirTitles() {
        String text = reports.render(List.of(new ResultSection("ols", "OLS by cluster", List.of(), "a  b\n1  2\n")),
                ReportFormat.TEXT);
        assertEquals("OLS by cluster:\na  b\n1  2\n", text);
    }

    @Test
    void fixedEffectCorrelationIsTheLowerTriangle() {
        TestModel model = Fixtures.sleepstudy();
        String text = reports.render(Fixtures.analysis(model, List.of()), ReportFormat.TEXT);
        List<String> block = block(text, "Correlation of Fixed Effects:");
        assertEquals(2, block.size());
        assertEquals("(Intr)", block.get(0).trim());
        double[][] v = model.fixedCovariance();
        String[] days = cells(block.get(1));
        assertEquals("Days", days[0]);
        assertEquals(v[0][1] / Math.sqrt(v[0][0] * v[1][1]), Double.parseDouble(days[1]), 0.0005);
        assertNotNull(text);
    }
}
