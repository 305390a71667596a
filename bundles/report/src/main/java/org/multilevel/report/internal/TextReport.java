package org.multilevel.report.internal;

import java.util.List;
import org.multilevel.api.analysis.AnalysisResult;
import org.multilevel.api.analysis.Comparison;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.report.text.RNumbers;
import org.multilevel.report.text.TextTable;

/** The plain-text report, laid out as lmerTest's {@code summary()} and R's {@code anova()} print. */
public final class TextReport {
    private TextReport() {
    }

    public static String fit(AnalysisResult result) {
        FittedModel model = result.model();
        FitResult fit = model.result();
        boolean glmm = FitTables.isGeneralized(fit);
        StringBuilder out = new StringBuilder();
        out.append(FitTables.title(result)).append('\n');
        if (glmm) out.append(" Family: ").append(fit.family()).append("  ( ").append(fit.link()).append(" )\n");
        out.append("Formula: ").append(fit.formula()).append('\n');
        out.append("Estimator: ").append(fit.estimator()).append('\n');
        out.append('\n');
        if ("REML".equalsIgnoreCase(fit.method()) && fit.remlCriterion() != null) {
            out.append("REML criterion at convergence: ").append(RNumbers.fixed(fit.remlCriterion(), 1)).append('\n');
        } else {
            out.append(FitTables.informationCriteria(fit).indent(" ").render());
        }
        out.append('\n');
        if (model.design() != null) {
            out.append(glmm ? "Scaled Pearson residuals:\n" : "Scaled residuals:\n");
            out.append(FitTables.residualQuantiles(model).render()).append('\n');
        }
        out.append("Random effects:\n");
        out.append(FitTables.randomEffects(fit).indent(" ").render());
        out.append(FitTables.observations(fit)).append('\n');
        out.append('\n');
        out.append("Fixed effects:\n");
        out.append(FitTables.fixedEffects(fit).render());
        out.append("---\n").append(RNumbers.SIGNIF_LEGEND).append('\n');
        TextTable ratios = FitTables.ratios(fit);
        if (ratios != null) {
            out.append('\n').append(FitTables.ratioName(fit)).append("s with 95% confidence intervals:\n");
            out.append(ratios.render());
        }
        TextTable correlation = FitTables.fixedCorrelation(model);
        if (correlation != null && fit.fixed().size() <= 12) {
            out.append('\n').append("Correlation of Fixed Effects:\n").append(correlation.render());
        }
        appendWarnings(out, FitTables.warnings(model));
        appendSections(out, result.sections());
        return out.toString();
    }

    public static String compare(Comparison comparison) {
        StringBuilder out = new StringBuilder();
        out.append(ComparisonTables.modelList(comparison));
        out.append(ComparisonTables.anova(comparison).render());
        if (!comparison.tests().isEmpty()) out.append("---\n").append(RNumbers.SIGNIF_LEGEND).append('\n');
        appendWarnings(out, comparison.warnings());
        appendSections(out, comparison.sections());
        return out.toString();
    }

    public static String sections(List<ResultSection> sections) {
        StringBuilder out = new StringBuilder();
        appendSections(out, sections);
        return out.length() > 0 && out.charAt(0) == '\n' ? out.substring(1) : out.toString();
    }

    private static void appendWarnings(StringBuilder out, List<String> warnings) {
        if (warnings.isEmpty()) return;
        out.append('\n').append(warnings.size() == 1 ? "Warning:\n" : "Warnings:\n");
        for (String w : warnings) out.append("  ").append(w).append('\n');
    }

    private static void appendSections(StringBuilder out, List<ResultSection> sections) {
        for (ResultSection s : sections) {
            out.append('\n').append(s.title() == null ? s.key() : s.title()).append(":\n");
            String text = s.text() == null ? "" : s.text();
            out.append(text);
            if (!text.endsWith("\n")) out.append('\n');
        }
    }
}
