package org.multilevel.data.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;

/**
 * Run by hand (not a unit test): writes a deterministic 1,000,000-row, 4-column numeric CSV (if absent) and
 * times reading it.
 * <pre>
 * mvn -B -pl bundles/data test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx256m -cp bundles/data/target/classes:bundles/data/target/test-classes:$(cat bundles/data/target/cp.txt) \
 *      org.multilevel.data.internal.ImportBenchmark /tmp/bench-1m.csv
 * </pre>
 */
public final class ImportBenchmark {
    private ImportBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/bench-1m.csv");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        if (!Files.exists(file)) generate(file, rows);
        System.out.printf(Locale.ROOT, "file %s, %.1f MB%n", file, Files.size(file) / 1e6);
        CsvDataImporter importer = new CsvDataImporter();
        for (int run = 1; run <= 5; run++) {
            System.gc();
            long start = System.nanoTime();
            Dataset d = importer.read(file, ImportOptions.defaults());
            long ns = System.nanoTime() - start;
            Runtime rt = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "run %d: %d rows x %d columns in %.3f s (heap used %.0f MB)%n", run,
                    d.rows(), d.columns().size(), ns / 1e9, (rt.totalMemory() - rt.freeMemory()) / 1e6);
        }
    }

    /** Cluster id, x, w and y as the estimator benchmark uses them (clusters of 200 rows). */
    private static void generate(Path file, int rows) throws IOException {
        Random random = new Random(42);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("cluster,x,w,y\n");
            double w = 0;
            double u0 = 0;
            for (int i = 0; i < rows; i++) {
                int cluster = i / 200;
                if (i % 200 == 0) {
                    w = random.nextGaussian();
                    u0 = random.nextGaussian();
                }
                double x = random.nextGaussian();
                double y = 10 + 2 * x + 1.5 * w + 0.5 * x * w + u0 + random.nextGaussian();
                out.write(cluster + "," + String.format(Locale.ROOT, "%.6f,%.6f,%.6f", x, w, y) + "\n");
            }
        }
    }
}
