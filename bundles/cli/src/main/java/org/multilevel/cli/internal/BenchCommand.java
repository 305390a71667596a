package org.multilevel.cli.internal;

import static org.multilevel.cli.internal.Arguments.Kind.SINGLE;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.AnalysisResult;
import org.multilevel.api.analysis.AnalysisService;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.report.ReportFormat;
import org.multilevel.api.report.ReportService;
import org.multilevel.cli.CommandLine;

/**
 * {@code bench}: writes synthetic data to a temporary CSV, then times reading it, fitting (gaussian
 * {@code y ~ x * w + (1 + x | cluster)}, binomial {@code y ~ x + (1 | cluster)}) and rendering the report,
 * each separately.
 */
final class BenchCommand {
    static final Map<String, Arguments.Kind> OPTIONS = CommandLineComponent.options(
            "rows", SINGLE, "clusters", SINGLE, "family", SINGLE, "ddf", SINGLE, "repeat", SINGLE, "shape", SINGLE,
            "scale", SINGLE);


    private final DataFiles files;
    private final AnalysisService analysis;
    private final ReportService report;

    BenchCommand(DataFiles files, AnalysisService analysis, ReportService report) {
        this.files = files;
        this.analysis = analysis;
        this.report = report;
    }

    int run(String[] args, int from, PrintStream out, PrintStream err) {
        Arguments a = Arguments.parse("bench", args, from, OPTIONS);
        Family family = ModelOptions.family(a);
        if (family == Family.POISSON) throw new UsageException("bench offers the gaussian and binomial families");
        boolean binomial = family == Family.BINOMIAL;
        String shape = a.value("shape", null);
        if (shape != null) return crossed(a, shape, family, out, err);
        if (a.value("scale", null) != null) throw new UsageException("--scale goes with --shape");
        int rows = a.intValue("rows", binomial ? 100_000 : 1_000_000);
        int clusters = a.intValue("clusters", binomial ? Math.max(2, rows / 50) : Math.max(2, rows / 200));
        if (rows < 10 || clusters < 2 || clusters > rows / 2) {
            throw new UsageException("bench needs at least 10 rows and between 2 and rows/2 clusters (got "
                    + rows + " rows, " + clusters + " clusters)");
        }
        int repeat = a.intValue("repeat", 1);
        if (repeat < 1 || repeat > 100) throw new UsageException("--repeat takes a whole number from 1 to 100 (got " + repeat + ")");
        DdfMethod ddf = ModelOptions.parse("ddf", a.value("ddf", binomial ? "none" : "satterthwaite"), DdfMethod::parse);
        Path dir = null;
        Path file = null;
        try {
            dir = Files.createTempDirectory("multilevel-bench");
            file = dir.resolve("bench.csv");
            long t0 = System.nanoTime();
            try {
                rows = binomial ? BenchFiles.binomial(file, rows, clusters) : BenchFiles.gaussian(file, rows, clusters);
            } catch (NoClassDefFoundError e) {
                // the generators live in the estimator bundles, imported optionally
                throw new UsageException("bench needs the " + (binomial ? "glmm" : "lmm")
                        + " bundle, whose data generator it uses; it is not installed");
            }
            long t1 = System.nanoTime();
            err.printf(Locale.ROOT, "generated %,d rows in %,d clusters (%.1f MB) in %.2f s%n", rows, clusters,
                    Files.size(file) / 1e6, (t1 - t0) / 1e9);
            String formula = binomial ? BenchFiles.BINOMIAL_FORMULA : BenchFiles.GAUSSIAN_FORMULA;
            Measured m = measure(file, ModelSpec.of(formula, family),
                    FitOptions.of(binomial ? Method.LAPLACE : Method.REML, ddf), repeat);
            out.printf(Locale.ROOT, "benchmark: %s, %s, %,d rows, %,d clusters, estimator %s, method %s%n",
                    formula, family.rName(), rows, clusters, m.result().fit().estimator(), m.result().fit().method());
            m.print(out);
            return CommandLine.OK;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark data", e);
        } finally {
            try {
                if (file != null) Files.deleteIfExists(file);
                if (dir != null) Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // a temporary file left behind is no reason to fail the benchmark
            }
        }
    }

    /** A crossed design from lmm's generators, fitted by REML with the ddf asked for (Satterthwaite by default). */
    private int crossed(Arguments a, String shape, Family family, PrintStream out, PrintStream err) {
        if (family != Family.GAUSSIAN) throw new UsageException("--shape gives gaussian designs; drop --family");
        if (a.value("rows", null) != null || a.value("clusters", null) != null) {
            throw new UsageException("--shape sets the rows and levels itself; use --scale to make it smaller or larger");
        }
        String formula;
        try {
            formula = BenchFiles.crossedFormula(shape);
        } catch (NoClassDefFoundError e) {
            throw new UsageException("bench needs the lmm bundle, whose data generator it uses; it is not installed");
        }
        if (formula == null) {
            throw new UsageException("--shape takes panel, insteval, subjects-items or large (got '" + shape + "')");
        }
        double scale;
        try {
            scale = Double.parseDouble(a.value("scale", "1"));
        } catch (NumberFormatException e) {
            throw new UsageException("--scale takes a number (got '" + a.value("scale", "") + "')");
        }
        if (!(scale > 0) || scale > 10) throw new UsageException("--scale takes a number above 0 and at most 10 (got " + a.value("scale", "") + ")");
        int repeat = a.intValue("repeat", 1);
        if (repeat < 1 || repeat > 100) throw new UsageException("--repeat takes a whole number from 1 to 100 (got " + repeat + ")");
        DdfMethod ddf = ModelOptions.parse("ddf", a.value("ddf", "satterthwaite"), DdfMethod::parse);
        Path dir = null;
        Path file = null;
        try {
            dir = Files.createTempDirectory("multilevel-bench");
            file = dir.resolve("bench.csv");
            long t0 = System.nanoTime();
            int rows = BenchFiles.crossed(file, shape, scale);
            long t1 = System.nanoTime();
            err.printf(Locale.ROOT, "generated %,d rows (%s, scale %s, %.1f MB) in %.2f s%n", rows, shape, a.value("scale", "1"),
                    Files.size(file) / 1e6, (t1 - t0) / 1e9);
            Measured m = measure(file, ModelSpec.of(formula, family), FitOptions.of(Method.REML, ddf), repeat);
            out.printf(Locale.ROOT, "benchmark: %s, %s, %,d rows, groups %s, estimator %s, method %s, ddf %s%n", formula,
                    shape, rows, m.result().fit().groups(), m.result().fit().estimator(), m.result().fit().method(),
                    ddf.label());
            m.print(out);
            return CommandLine.OK;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark data", e);
        } finally {
            try {
                if (file != null) Files.deleteIfExists(file);
                if (dir != null) Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // a temporary file left behind is no reason to fail the benchmark
            }
        }
    }

    /** Parses the file, fits once (and {@code repeat - 1} more times warm) and renders the text report. */
    private Measured measure(Path file, ModelSpec spec, FitOptions fit, int repeat) {
        resetPeaks();
        long p0 = System.nanoTime();
        Dataset data = files.read(file.toString());
        long p1 = System.nanoTime();
        AnalysisResult result = analysis.fit(data, AnalysisRequest.of(spec, fit));
        long f1 = System.nanoTime();
        // later fits of the same data in the same JVM: what a host that keeps running pays per analysis
        long warm = Long.MAX_VALUE;
        for (int k = 1; k < repeat; k++) {
            long w0 = System.nanoTime();
            analysis.fit(data, AnalysisRequest.of(spec, fit));
            warm = Math.min(warm, System.nanoTime() - w0);
        }
        long r0 = System.nanoTime();
        String text = report.render(result, ReportFormat.TEXT);
        long r1 = System.nanoTime();
        return new Measured(p1 - p0, f1 - p1, warm, repeat, r1 - r0, text.length(), peakHeap(), result);
    }

    /** One benchmark run's figures, in nanoseconds and bytes. */
    private record Measured(long parse, long fit, long warm, int repeat, long report, int chars, long peakHeap,
                            AnalysisResult result) {
        void print(PrintStream out) {
            out.printf(Locale.ROOT, "  parse CSV     %8.3f s%n", parse / 1e9);
            out.printf(Locale.ROOT, "  fit           %8.3f s  (model frame, estimation, df, derived sections)%n", fit / 1e9);
            if (repeat > 1) {
                out.printf(Locale.ROOT, "  fit, warm     %8.3f s  (fastest of %d further fits in this JVM)%n", warm / 1e9,
                        repeat - 1);
            }
            out.printf(Locale.ROOT, "  report        %8.3f s  (%,d characters)%n", report / 1e9, chars);
            out.printf(Locale.ROOT, "  total         %8.3f s  (parse, first fit, report)%n", (parse + fit + report) / 1e9);
            out.printf(Locale.ROOT, "  peak heap     %8.1f MB (max heap %.0f MB)%n", peakHeap / 1e6,
                    Runtime.getRuntime().maxMemory() / 1e6);
            out.printf(Locale.ROOT, "  logLik %.4f, converged %s, optimizer evaluations %s%n", result.fit().logLik(),
                    result.fit().converged(),
                    result.fit().optimizer() == null ? "?" : Integer.toString(result.fit().optimizer().evaluations()));
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peak usage since the last reset (an upper bound of the live peak). */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) sum += pool.getPeakUsage().getUsed();
        }
        return sum;
    }
}
