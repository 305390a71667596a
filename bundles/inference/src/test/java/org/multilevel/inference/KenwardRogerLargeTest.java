package org.multilevel.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.multilevel.api.fit.ContrastTest;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.FixedDesign;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.model.RandomTerm;

/** The blocked path on the benchmark's size: 1,000,000 rows in 5,000 clusters, random intercept and slope. */
class KenwardRogerLargeTest {

    @Test
    void millionRowsInSeconds() {
        int clusters = 5000;
        int per = 200;
        int n = clusters * per;
        Random rnd = new Random(42);
        double[] x = new double[n * 4];
        double[] z = new double[n * 2];
        int[] level = new int[n];
        double[] y = new double[n];
        for (int c = 0, i = 0; c < clusters; c++) {
            double w = rnd.nextGaussian();
            double u0 = rnd.nextGaussian();
            double u1 = 0.1 * u0 + Math.sqrt(0.25 - 0.01) * rnd.nextGaussian();
            for (int r = 0; r < per; r++, i++) {
                double xv = rnd.nextGaussian();
                y[i] = 10 + 2 * xv + 1.5 * w + 0.5 * xv * w + u0 + u1 * xv + rnd.nextGaussian();
                x[i * 4] = 1;
                x[i * 4 + 1] = xv;
                x[i * 4 + 2] = w;
                x[i * 4 + 3] = xv * w;
                z[i * 2] = 1;
                z[i * 2 + 1] = xv;
                level[i] = c;
            }
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < clusters; c++) names.add(Integer.toString(c));
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        DesignMatrices d = new DesignMatrices(ModelSpec.gaussian("y ~ x * w + (1 + x | cluster)"), y, null, null,
                new FixedDesign(List.of("(Intercept)", "x", "w", "x:w"), x, new int[] {-1, 0, 1, 2},
                        List.of("x", "w", "x:w"), List.of()),
                List.of(new RandomTerm("cluster", names, level, List.of("(Intercept)", "x"), z)), rows, List.of());
        List<double[][]> cov = List.<double[][]>of(new double[][] {{1.0, 0.1}, {0.1, 0.25}});
        long t0 = System.nanoTime();
        KenwardRoger kr = KenwardRoger.prepare(d, cov, 1.0);
        ContrastTest slope = kr.test(new double[] {10, 2, 1.5, 0.5}, new double[][] {{0, 1, 0, 0}});
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("Kenward-Roger on %d rows / %d clusters: %.2f s%n", n, clusters, seconds);
        assertEquals(KenwardRoger.Path.BLOCKED, kr.path());
        // between-cluster effect w: df near the number of clusters; within-cluster slope x: df near clusters too
        // (its variance is dominated by the random slope variance)
        ContrastTest w = kr.test(new double[] {10, 2, 1.5, 0.5}, new double[][] {{0, 0, 1, 0}});
        assertTrue(w.denDf() > clusters * 0.9 && w.denDf() < clusters * 1.1, "df " + w.denDf());
        assertTrue(slope.denDf() > clusters * 0.9 && slope.denDf() < n, "df " + slope.denDf());
        assertTrue(seconds < 20, "took " + seconds + " s");

        double[] beta = {10, 2, 1.5, 0.5};
        long t1 = System.nanoTime();
        RobustCovariance rc = RobustCovariance.cr2(d, cov, 1.0, beta);
        double robustSeconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf("CR2 on %d rows / %d clusters: %.2f s%n", n, clusters, robustSeconds);
        double[][] model = kr.covariance();
        double[][] robust = rc.covariance();
        // data generated from the working model: robust and model-based SEs agree closely
        for (int j = 0; j < 4; j++) {
            double ratio = Math.sqrt(robust[j][j] / model[j][j]);
            assertTrue(ratio > 0.85 && ratio < 1.15, "coefficient " + j + " ratio " + ratio);
        }
        assertTrue(robustSeconds < 30, "CR2 took " + robustSeconds + " s");
    }
}
