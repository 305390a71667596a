package org.multilevel.cli.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.RandomTerm;
import org.multilevel.glmm.bench.LogisticBenchmark;
import org.multilevel.lmm.bench.CrossedData;
import org.multilevel.lmm.bench.SyntheticData;

/**
 * The benchmark data as CSV files, from the estimator bundles' own deterministic generators, so that the
 * command line times exactly the data the estimators are tuned on.
 */
final class BenchFiles {
    static final long SEED = 42L;
    /** The formulas the generators are made for (constants: inlined, so no class of the generators is loaded). */
    static final String GAUSSIAN_FORMULA = SyntheticData.FORMULA;
    static final String BINOMIAL_FORMULA = LogisticBenchmark.FORMULA;

    private BenchFiles() {
    }

    /** Gaussian: lmm's SyntheticData, y ~ x * w + (1 + x | cluster); returns the number of rows written. */
    static int gaussian(Path file, int rows, int clusters) throws IOException {
        int perCluster = Math.max(2, rows / clusters);
        SyntheticData.generate(clusters, perCluster, SEED).writeCsv(file);
        return clusters * perCluster;
    }

    /** One of lmm's crossed shapes ({@code CrossedData}); returns its formula, or null for an unknown shape. */
    static String crossedFormula(String shape) {
        CrossedData d = CrossedData.parse(shape);
        return d == null ? null : d.formula();
    }

    /** Writes a crossed shape at the given scale; returns the number of rows written. */
    static int crossed(Path file, String shape, double scale) throws IOException {
        return CrossedData.parse(shape).writeCsv(file, scale);
    }

    /** Binomial: glmm's LogisticBenchmark, y ~ x + (1 | cluster), written from its model frame. */
    static int binomial(Path file, int rows, int clusters) throws IOException {
        DesignMatrices d = LogisticBenchmark.design(rows, clusters, LogisticBenchmark.SEED);
        RandomTerm cluster = d.random().get(0);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("cluster,x,y\n");
            StringBuilder line = new StringBuilder(48);
            for (int i = 0; i < d.rows(); i++) {
                line.setLength(0);
                line.append(cluster.levels().get(cluster.levelOfRow()[i])).append(',').append(d.fixed().get(i, 1))
                        .append(',').append((int) d.y()[i]).append('\n');
                w.append(line);
            }
        }
        return d.rows();
    }
}
