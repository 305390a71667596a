package org.multilevel.cli.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic data for the binomial benchmark, with the structure of the gaussian one (the lmm
 * bundle's SyntheticData): clusters of equal size, x at level 1, w at level 2, and
 * logit P(y = 1) = -0.5 + 0.8x + 0.5w + 0.3xw + u0 + u1 x with SD(u0) = 0.8, SD(u1) = 0.3, correlation 0.3.
 */
final class BenchData {
    static final long SEED = 20_240_611L;

    private BenchData() {
    }

    static void writeBinomial(Path file, int rows, int clusters) throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("cluster,x,w,y\n");
            StringBuilder line = new StringBuilder(64);
            for (int c = 0; c < clusters; c++) {
                int size = rows / clusters + (c < rows % clusters ? 1 : 0);
                double wc = random.nextGaussian();
                double z0 = random.nextGaussian();
                double u0 = 0.8 * z0;
                double u1 = 0.3 * (0.3 * z0 + Math.sqrt(1 - 0.09) * random.nextGaussian());
                for (int i = 0; i < size; i++) {
                    double x = random.nextGaussian();
                    double eta = -0.5 + 0.8 * x + 0.5 * wc + 0.3 * x * wc + u0 + u1 * x;
                    int y = random.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
                    line.setLength(0);
                    line.append(c + 1).append(',').append(x).append(',').append(wc).append(',').append(y).append('\n');
                    w.append(line);
                }
            }
        }
    }
}
