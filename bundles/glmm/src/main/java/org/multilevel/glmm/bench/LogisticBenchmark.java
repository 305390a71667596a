package org.multilevel.glmm.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.FixedDesign;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.model.RandomTerm;

/**
 * The GLMM benchmark: {@code y ~ x + (1 | cluster)}, logistic, η = −0.5 + 0.7x + u with u ~ N(0, 0.8²) per cluster
 * and x ~ N(0, 1), generated deterministically from a seed (rows assigned to clusters in turn).
 */
public final class LogisticBenchmark {
    public static final String FORMULA = "y ~ x + (1 | cluster)";
    public static final int ROWS = 100_000;
    public static final int CLUSTERS = 2_000;
    public static final long SEED = 20240501L;

    private LogisticBenchmark() {
    }

    /** The benchmark's model frame. */
    public static DesignMatrices design(int rows, int clusters, long seed) {
        if (rows < 1 || clusters < 1 || clusters > rows) throw new IllegalArgumentException("need 1 <= clusters <= rows");
        SplittableRandom random = new SplittableRandom(seed);
        double[] u = new double[clusters];
        for (int j = 0; j < clusters; j++) u[j] = 0.8 * random.nextGaussian();
        double[] y = new double[rows];
        double[] x = new double[rows * 2];
        int[] level = new int[rows];
        double[] z = new double[rows];
        int[] dataRows = new int[rows];
        for (int i = 0; i < rows; i++) {
            int j = i % clusters;
            double xi = random.nextGaussian();
            double eta = -0.5 + 0.7 * xi + u[j];
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
            x[2 * i] = 1;
            x[2 * i + 1] = xi;
            level[i] = j;
            z[i] = 1;
            dataRows[i] = i;
        }
        List<String> names = new ArrayList<>(clusters);
        for (int j = 0; j < clusters; j++) names.add(Integer.toString(j + 1));
        FixedDesign fixed = new FixedDesign(List.of("(Intercept)", "x"), x, new int[] {-1, 0}, List.of("x"), List.of());
        RandomTerm cluster = new RandomTerm("cluster", names, level, List.of("(Intercept)"), z);
        return new DesignMatrices(ModelSpec.of(FORMULA, Family.BINOMIAL), y, null, null, fixed, List.of(cluster), dataRows, List.of());
    }

    public static DesignMatrices design() {
        return design(ROWS, CLUSTERS, SEED);
    }

    /** Fits the benchmark by hand: prints the time of each of a few fits (the first includes class loading). */
    public static void main(String[] args) {
        DesignMatrices d = design();
        org.multilevel.glmm.internal.LaplaceEstimator estimator = new org.multilevel.glmm.internal.LaplaceEstimator();
        org.multilevel.api.fit.FitOptions options = org.multilevel.api.fit.FitOptions.of(org.multilevel.api.fit.Method.LAPLACE,
                org.multilevel.api.fit.DdfMethod.NONE);
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        for (int k = 0; k < repeats; k++) {
            var mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            var r = estimator.fit(d, options).result();
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            System.out.printf(java.util.Locale.ROOT, "fit %d: %.3f s wall, %.3f s CPU, logLik %.4f, beta %s, var %.4f, %d evaluations%n", k + 1, s, cpu, r.logLik(),
                    r.fixed().stream().map(f -> String.format(java.util.Locale.ROOT, "%.4f", f.estimate())).toList(),
                    r.random().get(0).covariance()[0][0], r.optimizer().evaluations());
        }
    }
}
