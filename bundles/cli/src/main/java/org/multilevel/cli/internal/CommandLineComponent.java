package org.multilevel.cli.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.multilevel.api.MultilevelException;
import org.multilevel.api.analysis.AnalysisService;
import org.multilevel.api.data.DataImporter;
import org.multilevel.api.data.DataImporterChoice;
import org.multilevel.api.report.ReportService;
import org.multilevel.cli.CommandLine;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The command line: dispatches to the commands, and turns every failure into an exit code and one line on
 * the error stream ("error: ..." for what the user can fix, "internal error: ..." for a bug).
 */
@Component(service = CommandLine.class)
public class CommandLineComponent implements CommandLine {
    static final List<String> COMMANDS = List.of("fit", "compare", "ols-by-cluster", "bench", "help");

    private final DataImporterChoice importers;
    private final AnalysisService analysis;
    private final ReportService report;

    /** With every data importer of the registry (one per format); a new format bundle restarts the component. */
    @Activate
    public CommandLineComponent(
            @Reference(name = "importers", policyOption = ReferencePolicyOption.GREEDY)
            List<Map.Entry<Map<String, Object>, DataImporter>> importers,
            @Reference(name = "analysis") AnalysisService analysis,
            @Reference(name = "report") ReportService report) {
        this(new DataImporterChoice(importers.stream()
                .map(e -> new DataImporterChoice.Registered(e.getValue(), e.getKey())).toList()), analysis, report);
    }

    /** With the importers given (tests and hosts that wire the components themselves). */
    public CommandLineComponent(DataImporterChoice importers, AnalysisService analysis, ReportService report) {
        this.importers = importers;
        this.analysis = analysis;
        this.report = report;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        boolean debug = Arrays.asList(args).contains("--debug");
        String[] rest = Arrays.stream(args).filter(a -> !a.equals("--debug")).toArray(String[]::new);
        try {
            return dispatch(rest, out, err);
        } catch (MultilevelException e) {
            if (debug) e.printStackTrace(err);
            err.println("error: " + TerminalText.escape(oneLine(e.getMessage())));
            return USER_ERROR;
        } catch (OutOfMemoryError e) {
            if (debug) e.printStackTrace(err);
            err.println("error: " + NotEnoughMemory.message());
            return INTERNAL_ERROR;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            if (debug) e.printStackTrace(err);
            err.println("internal error: " + TerminalText.escape(oneLine(e.toString())) + (debug ? "" : " (run with --debug for details)"));
            return INTERNAL_ERROR;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int dispatch(String[] args, PrintStream out, PrintStream err) {
        DataFiles files = new DataFiles(importers);
        if (args.length == 0) {
            return new FitCommand(files, analysis, report).runExample(out, err);
        }
        String command = args[0];
        if (command.startsWith("--") && !command.equals("--help")) {
            // options without a command: fit
            return new FitCommand(files, analysis, report).run(args, 0, out, err);
        }
        switch (command) {
            case "fit":
                return new FitCommand(files, analysis, report).run(args, 1, out, err);
            case "compare":
                return new CompareCommand(files, analysis, report).run(args, 1, out, err);
            case "ols-by-cluster":
            case "ols":
                return new OlsCommand(files, analysis, report).run(args, 1, out, err);
            case "bench":
                return new BenchCommand(files, analysis, report).run(args, 1, out, err);
            case "help":
            case "--help":
            case "-h":
                out.print(Help.TEXT);
                return OK;
            default:
                throw new UsageException("unknown command '" + command + "'" + Suggestions.didYouMean(command, COMMANDS)
                        + "; commands: " + String.join(", ", COMMANDS));
        }
    }

    /** Messages are shown on one line: later lines are joined. */
    static String oneLine(String message) {
        if (message == null) return "(no message)";
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    static Map<String, Arguments.Kind> options(Object... nameKind) {
        Map<String, Arguments.Kind> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameKind.length; i += 2) map.put((String) nameKind[i], (Arguments.Kind) nameKind[i + 1]);
        return map;
    }

    static List<String> lines(String text) {
        return new ArrayList<>(text.lines().toList());
    }
}
