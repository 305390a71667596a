package org.multilevel.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.NumericColumn;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.transform.internal.CenteringService;

/**
 * The benchmark model of issue 2 on 1,000,000 rows in 5,000 clusters: the frame is built right at that size.
 * Its cost is printed for reading, not asserted: speed is measured by the bench command, never by a timed test.
 */
class LargeFrameTest {
    @Test
    void millionRowsFrame() {
        int n = 1_000_000;
        int clusters = 5_000;
        Random random = new Random(42);
        double[] cluster = new double[n];
        double[] x = new double[n];
        double[] w = new double[n];
        double[] y = new double[n];
        double[] wCluster = new double[clusters];
        for (int j = 0; j < clusters; j++) wCluster[j] = random.nextGaussian();
        for (int i = 0; i < n; i++) {
            int j = i / (n / clusters);
            cluster[i] = j + 1;
            x[i] = random.nextGaussian();
            w[i] = wCluster[j];
            y[i] = 10 + 2 * x[i] + 1.5 * w[i] + 0.5 * x[i] * w[i] + random.nextGaussian();
        }
        Dataset data = TestData.of("bench", new NumericColumn("y", y), new NumericColumn("x", x),
                new NumericColumn("w", w), new NumericColumn("cluster", cluster));
        FormulaModelFrameBuilder builder = new FormulaModelFrameBuilder(new CenteringService());
        ModelSpec spec = ModelSpec.gaussian("y ~ x * w + (1 + x | cluster)");
        // CPU time of this thread: wall-clock time on a shared CI machine measures its other jobs as well
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        long bestWall = Long.MAX_VALUE;
        DesignMatrices d = null;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            d = builder.build(data, spec);
            best = Math.min(best, cpu.getCurrentThreadCpuTime() - t0);
            bestWall = Math.min(bestWall, System.nanoTime() - w0);
        }
        System.out.printf("model frame for %d rows: %.0f ms CPU, %.0f ms wall%n", n, best / 1e6, bestWall / 1e6);
        assertEquals(n, d.rows());
        assertEquals(4, d.fixed().columns());
        assertEquals(clusters, d.random().get(0).levelCount());
        assertEquals(2 * n, d.random().get(0).z().length, "one z row of two effects per observation");
    }
}
