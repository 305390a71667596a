package org.multilevel.cli.internal;

import static org.multilevel.cli.internal.Arguments.Kind.REPEATED;
import static org.multilevel.cli.internal.Arguments.Kind.SINGLE;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import org.multilevel.api.analysis.AnalysisService;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.report.ReportService;
import org.multilevel.cli.CommandLine;

/** {@code ols-by-cluster}: an ordinary least-squares fit in every cluster, the exploratory first step. */
final class OlsCommand {
    static final Map<String, Arguments.Kind> OPTIONS = CommandLineComponent.options(
            "data", SINGLE, "sheet", SINGLE, "formula", SINGLE, "cluster", SINGLE, "reference", REPEATED, "center", REPEATED,
            "format", SINGLE, "out", SINGLE);

    private final DataFiles files;
    private final AnalysisService analysis;
    private final ReportService report;

    OlsCommand(DataFiles files, AnalysisService analysis, ReportService report) {
        this.files = files;
        this.analysis = analysis;
        this.report = report;
    }

    int run(String[] args, int from, PrintStream out, PrintStream err) {
        Arguments a = Arguments.parse("ols-by-cluster", args, from, OPTIONS);
        List<OutputTargets.Target> targets = OutputTargets.check(a, a.value("data"), "out");
        String formula = a.required("formula");
        String cluster = a.required("cluster");
        var format = ModelOptions.format(a);
        ModelSpec spec = ModelOptions.spec(a, formula);
        Dataset data = a.has("data") ? files.read(a.value("data"), a.value("sheet")) : files.example();
        if (!a.has("data")) err.println("No --data: using the bundled High School and Beyond example.");
        List<ResultSection> sections = analysis.olsByCluster(data, spec, cluster);
        Output.write(report.render(sections, format), targets, Map.of(), out, err);
        return CommandLine.OK;
    }
}
