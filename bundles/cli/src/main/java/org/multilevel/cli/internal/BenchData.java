package org.multilevel.cli.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic two-level data for the benchmark: clusters of equal size, x at level 1, w at
 * level 2, y = 10 + 2x + 1.5w + 0.5xw + u0 + u1 x + e (gaussian) or a logistic model with the same
 * structure (binomial, 0/1 response).
 */
final class BenchData {
    static final long SEED = 20_240_611L;

    private BenchData() {
    }

    static void write(Path file, int rows, int clusters, boolean binomial) throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("cluster,x,w,y\n");
            StringBuilder line = new StringBuilder(64);
            int row = 0;
            for (int c = 0; c < clusters; c++) {
                int size = rows / clusters + (c < rows % clusters ? 1 : 0);
                double wc = gaussian(random);
                double u0 = (binomial ? 0.8 : 1.5) * gaussian(random);
                double u1 = (binomial ? 0.3 : 0.5) * (0.3 * u0 / (binomial ? 0.8 : 1.5) + Math.sqrt(1 - 0.09) * gaussian(random));
                for (int i = 0; i < size; i++, row++) {
                    double x = gaussian(random);
                    double y;
                    if (binomial) {
                        double eta = -0.5 + 0.8 * x + 0.5 * wc + 0.3 * x * wc + u0 + u1 * x;
                        y = random.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
                    } else {
                        y = 10 + 2 * x + 1.5 * wc + 0.5 * x * wc + u0 + u1 * x + 2.0 * gaussian(random);
                    }
                    line.setLength(0);
                    line.append('c').append(c).append(',').append((float) x).append(',').append((float) wc).append(',')
                            .append(binomial ? Integer.toString((int) y) : Float.toString((float) y)).append('\n');
                    w.append(line);
                }
            }
        }
    }

    /** Standard normal by the Box-Muller transform (one of the pair is enough here). */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
