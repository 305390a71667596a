package org.multilevel.report.internal;

import java.util.List;
import org.multilevel.api.analysis.AnalysisResult;
import org.multilevel.api.analysis.Comparison;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.report.text.RNumbers;
import org.multilevel.report.text.TextTable;

/**
 * One self-contained, well-formed (XML-parsable) HTML document: inline CSS, the report's tables and the
 * plots as inline SVG. It refers to nothing outside itself (no scripts, links, fonts or images).
 */
public final class HtmlReport {
    private static final String CSS = """
            body{font-family:sans-serif;margin:2em auto;max-width:60em;color:#222;line-height:1.4}
            h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccc}
            table{border-collapse:collapse;margin:0.6em 0}caption{text-align:left;font-weight:bold;padding:0.2em 0}
            th,td{padding:0.15em 0.7em}thead th{border-bottom:1px solid #444}tbody tr:last-child td{border-bottom:1px solid #444}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}td.txt,th.txt{text-align:left;white-space:pre-wrap}
            tfoot td{font-size:0.85em;color:#555}pre{background:#f6f6f6;padding:0.6em;overflow-x:auto}
            .warning{color:#8a3b00}.note{font-size:0.85em;color:#555}figure{margin:1em 0;page-break-inside:avoid}
            figcaption{font-size:0.9em;color:#444}svg{max-width:100%;height:auto}
            @media print{body{margin:0;max-width:none}h2{page-break-after:avoid}}
            """;

    private HtmlReport() {
    }

    public static String fit(AnalysisResult result) {
        FittedModel model = result.model();
        FitResult fit = model.result();
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(Html.escape(FitTables.title(result))).append("</h1>\n");
        TextTable info = new TextTable().left("").left("");
        info.row("Formula", fit.formula());
        info.row("Family (link)", fit.family() + " (" + fit.link() + ")");
        info.row("Method", fit.method());
        info.row("Estimator", fit.estimator());
        if (fit.optimizer() != null) {
            info.row("Optimizer", fit.optimizer().name() + ", " + fit.optimizer().evaluations() + " evaluations");
        }
        info.row("Converged", fit.converged() ? "yes" : "no");
        info.row("Observations", Integer.toString(fit.nobs()));
        java.util.Map<String, String> sizes = FitTables.clusterSizes(model);
        fit.groups().forEach((g, n) -> info.row("Groups: " + g, sizes.getOrDefault(g, Integer.toString(n))));
        body.append(section("Model information", Html.table(info, null)));

        StringBuilder fitStats = new StringBuilder();
        if ("REML".equalsIgnoreCase(fit.method()) && fit.remlCriterion() != null) {
            fitStats.append("<p>REML criterion at convergence: ")
                    .append(RNumbers.fixed(fit.remlCriterion(), 1)).append("</p>\n");
        }
        fitStats.append(Html.table(FitTables.informationCriteria(fit), null));
        body.append(section("Model fit", fitStats.toString()));

        if (model.design() != null) {
            body.append(section(FitTables.isGeneralized(fit) ? "Scaled Pearson residuals" : "Scaled residuals",
                    Html.table(FitTables.residualQuantiles(model), null)));
        }
        TextTable random = FitTables.randomEffects(fit);
        if (fit.singular()) random.footnote("Singular fit: a variance is estimated as zero or a correlation as +/-1.");
        body.append(section("Random effects", Html.table(random, null)
                + "<p class=\"note\">" + Html.escape(FitTables.observations(fit)) + "</p>\n"));

        TextTable fixed = FitTables.fixedEffects(fit, true);
        fixed.footnote(FitTables.testsLabel(fit) + ". " + RNumbers.SIGNIF_LEGEND);
        StringBuilder fixedHtml = new StringBuilder(Html.table(fixed, null));
        TextTable ratios = FitTables.ratios(fit);
        if (ratios != null) {
            fixedHtml.append(Html.table(ratios, FitTables.ratioName(fit) + "s with 95% confidence intervals"));
        }
        body.append(section("Fixed effects", fixedHtml.toString()));

        body.append(warnings(FitTables.warnings(model)));
        body.append(sectionsHtml(result.sections()));
        StringBuilder plots = new StringBuilder();
        for (Plots.Plot plot : Plots.all(model, predictor(result))) {
            plots.append("<figure>").append(plot.svg()).append("<figcaption><b>").append(Html.escape(plot.title()))
                    .append(".</b> ").append(Html.escape(plot.caption())).append("</figcaption></figure>\n");
        }
        if (plots.length() > 0) body.append(section("Plots", plots.toString()));
        return document("Mixed model: " + fit.formula(), body.toString());
    }

    /** The level-1 predictor of the fitted-lines plot, if the request names one ("plot-predictor"). */
    private static String predictor(AnalysisResult result) {
        if (result.request() == null) return null;
        return result.request().options().get("plot-predictor");
    }

    public static String compare(Comparison comparison) {
        StringBuilder body = new StringBuilder("<h1>Model comparison</h1>\n");
        body.append("<pre>").append(Html.escape(ComparisonTables.modelList(comparison))).append("</pre>\n");
        TextTable anova = ComparisonTables.anova(comparison);
        anova.footnote(RNumbers.SIGNIF_LEGEND);
        body.append(section("Likelihood-ratio tests", Html.table(anova, null)));
        body.append(warnings(comparison.warnings()));
        body.append(sectionsHtml(comparison.sections()));
        return document("Model comparison", body.toString());
    }

    /** Stand-alone sections (per-cluster OLS, ...) as the tables of their structured results. */
    public static String sections(List<ResultSection> sections) {
        return ResultsRenderer.html(StructuredResults.of("Results", sections));
    }

    private static String warnings(List<String> warnings) {
        if (warnings.isEmpty()) return "";
        StringBuilder s = new StringBuilder("<ul class=\"warning\">");
        for (String w : warnings) s.append("<li>").append(Html.escape(w)).append("</li>");
        return section("Warnings", s.append("</ul>\n").toString());
    }

    private static String sectionsHtml(List<ResultSection> sections) {
        StringBuilder s = new StringBuilder();
        for (ResultSection r : sections) {
            s.append(section(r.title() == null ? r.key() : r.title(),
                    "<pre>" + Html.escape(r.text() == null ? "" : r.text()) + "</pre>\n"));
        }
        return s.toString();
    }

    private static String section(String title, String content) {
        return "<section><h2>" + Html.escape(title) + "</h2>\n" + content + "</section>\n";
    }

    static String document(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>" + Html.escape(title)
                + "</title>\n<style>\n" + CSS + "</style></head>\n<body>\n" + body + "</body></html>\n";
    }
}
