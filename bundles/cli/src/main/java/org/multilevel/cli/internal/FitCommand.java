package org.multilevel.cli.internal;

import static org.multilevel.cli.internal.Arguments.Kind.FLAG;
import static org.multilevel.cli.internal.Arguments.Kind.REPEATED;
import static org.multilevel.cli.internal.Arguments.Kind.SINGLE;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.AnalysisResult;
import org.multilevel.api.analysis.AnalysisService;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.report.ReportFormat;
import org.multilevel.api.report.ReportService;
import org.multilevel.cli.CommandLine;

/** {@code fit}: one model, with its derived sections, as text, JSON or HTML. */
final class FitCommand {
    static final Map<String, Arguments.Kind> OPTIONS = CommandLineComponent.options(
            "data", SINGLE, "sheet", SINGLE, "formula", SINGLE, "family", SINGLE, "link", SINGLE, "method", SINGLE,
            "nagq", SINGLE, "ddf", SINGLE, "reference", REPEATED, "center", REPEATED, "contrast", REPEATED,
            "compare-ols", FLAG, "anova", SINGLE, "robust", FLAG, "tau-test", FLAG, "variance-tests", FLAG, "plot-predictor", SINGLE, "ci", SINGLE, "nsim", SINGLE, "seed", SINGLE,
            "format", SINGLE, "out", SINGLE, "save-data", SINGLE, "save-ranef", SINGLE, "save-residuals", SINGLE);

    private final DataFiles files;
    private final AnalysisService analysis;
    private final ReportService report;

    FitCommand(DataFiles files, AnalysisService analysis, ReportService report) {
        this.files = files;
        this.analysis = analysis;
        this.report = report;
    }

    /** No arguments at all: the bundled example with a random-slope model, as text. */
    int runExample(PrintStream out, PrintStream err) {
        err.println("No arguments: fitting the bundled High School and Beyond example (run 'help' for the commands).");
        return run(new String[] {"--formula", DataFiles.EXAMPLE_FORMULA}, 0, out, err, false);
    }

    int run(String[] args, int from, PrintStream out, PrintStream err) {
        return run(args, from, out, err, true);
    }

    private int run(String[] args, int from, PrintStream out, PrintStream err, boolean sayExample) {
        Arguments a = Arguments.parse("fit", args, from, OPTIONS);
        List<OutputTargets.Target> targets = OutputTargets.check(a, a.value("data"), Exports.FIT_OUTPUTS);
        String formula = a.has("data") ? a.required("formula") : a.value("formula", DataFiles.EXAMPLE_FORMULA);
        // every option is checked before the data are read and anything is fitted
        ReportFormat format = ModelOptions.format(a);
        ModelSpec spec = ModelOptions.spec(a, formula);
        FitOptions fit = ModelOptions.fit(a, spec.family());
        Map<String, String> options = analysisOptions(a);
        FitRequestCheck.options(a, spec);
        AnalysisRequest request = new AnalysisRequest(spec, fit, a.values("contrast"), options);
        Dataset data;
        if (a.has("data")) {
            data = files.read(a.value("data"), a.value("sheet"));
        } else {
            data = files.example();
            if (sayExample) err.println("No --data: using the bundled High School and Beyond example.");
        }
        FitRequestCheck.data(a, data, List.of(formula));
        AnalysisResult result;
        try (TerminalProgress progress = TerminalProgress.on(err)) {
            result = analysis.fit(data, request, progress);
        }
        if (format != ReportFormat.TEXT) {
            // the text report shows notes and warnings itself; with JSON and HTML users see them on stderr
            for (String note : result.model().design().notes()) err.println("note: " + TerminalText.escape(note));
            for (String w : result.fit().warnings()) err.println("warning: " + TerminalText.escape(w));
        }
        Output.write(report.render(result, format), targets, Exports.of(a, data, result), out, err);
        return CommandLine.OK;
    }

    /** Options the result contributors read (unknown keys are ignored by them). */
    static Map<String, String> analysisOptions(Arguments a) {
        Map<String, String> options = new LinkedHashMap<>();
        if (a.has("compare-ols")) options.put("compare-ols", "true");
        if (a.has("robust")) options.put("robust", "true");
        if (a.has("tau-test")) options.put("tau-test", "true");
        if (a.has("variance-tests")) options.put("variance-tests", "true");
        if (a.has("plot-predictor")) options.put("plot-predictor", a.value("plot-predictor"));
        if (a.has("anova")) {
            String type = a.value("anova").trim();
            if (!type.equals("2") && !type.equals("3") && !type.equalsIgnoreCase("II") && !type.equalsIgnoreCase("III")) {
                throw new UsageException("option --anova needs type 2 or 3, got '" + a.value("anova") + "'");
            }
            options.put("anova", type.equalsIgnoreCase("II") ? "2" : type.equalsIgnoreCase("III") ? "3" : type);
        }
        if (a.has("ci")) {
            String ci = a.value("ci").trim().toLowerCase(java.util.Locale.ROOT);
            if (!ci.equals("wald") && !ci.equals("profile") && !ci.equals("bootstrap")) {
                throw new UsageException("option --ci needs wald, profile or bootstrap, got '" + a.value("ci") + "'");
            }
            options.put("ci", ci);
        }
        if (a.has("nsim")) options.put("nsim", Integer.toString(a.intValue("nsim", 0)));
        if (a.has("seed")) options.put("seed", Integer.toString(a.intValue("seed", 0)));
        return options;
    }
}
