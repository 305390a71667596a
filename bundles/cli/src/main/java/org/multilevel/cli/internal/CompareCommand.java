package org.multilevel.cli.internal;

import static org.multilevel.cli.internal.Arguments.Kind.REPEATED;
import static org.multilevel.cli.internal.Arguments.Kind.SINGLE;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.multilevel.api.analysis.AnalysisService;
import org.multilevel.api.analysis.Comparison;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.report.ReportFormat;
import org.multilevel.api.report.ReportService;
import org.multilevel.cli.CommandLine;

/** {@code compare}: likelihood-ratio tests between two or more models on the same rows. */
final class CompareCommand {
    static final Map<String, Arguments.Kind> OPTIONS = CommandLineComponent.options(
            "data", SINGLE, "sheet", SINGLE, "formula", REPEATED, "family", SINGLE, "link", SINGLE, "method", SINGLE, "nagq", SINGLE,
            "ddf", SINGLE, "reference", REPEATED, "center", REPEATED, "format", SINGLE, "out", SINGLE);

    private final DataFiles files;
    private final AnalysisService analysis;
    private final ReportService report;

    CompareCommand(DataFiles files, AnalysisService analysis, ReportService report) {
        this.files = files;
        this.analysis = analysis;
        this.report = report;
    }

    int run(String[] args, int from, PrintStream out, PrintStream err) {
        Arguments a = Arguments.parse("compare", args, from, OPTIONS);
        List<OutputTargets.Target> targets = OutputTargets.check(a, a.value("data"), "out");
        List<String> formulas = a.values("formula");
        if (formulas.size() < 2) {
            throw new UsageException("compare needs at least two models: --formula F0 --formula F1 (got "
                    + formulas.size() + ")");
        }
        ReportFormat format = ModelOptions.format(a);
        List<ModelSpec> specs = new ArrayList<>();
        for (String f : formulas) specs.add(ModelOptions.spec(a, f));
        FitOptions fit = ModelOptions.fit(a, specs.get(0).family());
        Dataset data = a.has("data") ? files.read(a.value("data"), a.value("sheet")) : files.example();
        if (!a.has("data")) err.println("No --data: using the bundled High School and Beyond example.");
        FitRequestCheck.data(a, data, formulas);
        Comparison comparison;
        try (TerminalProgress progress = TerminalProgress.on(err)) {
            comparison = analysis.compare(data, specs, fit, progress);
        }
        if (format != ReportFormat.TEXT) {
            for (String w : comparison.warnings()) err.println("warning: " + TerminalText.escape(w));
        }
        Output.write(report.render(comparison, format), targets, Map.of(), out, err);
        return CommandLine.OK;
    }
}
