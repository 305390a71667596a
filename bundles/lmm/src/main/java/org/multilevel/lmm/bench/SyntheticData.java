package org.multilevel.lmm.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.NumericColumn;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.FixedDesign;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.model.RandomTerm;

/**
 * Two-level benchmark data: {@code clusters} clusters of {@code rowsPerCluster} rows,
 * y = 10 + 2x + 1.5w + 0.5xw + u0 + u1 x + e with x a row-level and w a cluster-level standard normal
 * predictor, (u0, u1) normal with SDs 2 and 0.5 and correlation 0.3, e normal with SD 3. The same seed
 * gives the same data on every machine.
 */
public final class SyntheticData {
    /** The model the data are made for. */
    public static final String FORMULA = "y ~ x * w + (1 + x | cluster)";

    private final int[] cluster;
    private final double[] x;
    private final double[] w;
    private final double[] y;
    private final int clusters;

    private SyntheticData(int[] cluster, double[] x, double[] w, double[] y, int clusters) {
        this.cluster = cluster;
        this.x = x;
        this.w = w;
        this.y = y;
        this.clusters = clusters;
    }

    public static SyntheticData generate(int clusters, int rowsPerCluster, long seed) {
        if (clusters < 2 || rowsPerCluster < 2) {
            throw new IllegalArgumentException("synthetic data need at least 2 clusters of at least 2 rows");
        }
        int n = clusters * rowsPerCluster;
        int[] cl = new int[n];
        double[] x = new double[n];
        double[] w = new double[n];
        double[] y = new double[n];
        Random rnd = new Random(seed);
        double rho = 0.3;
        int i = 0;
        for (int c = 0; c < clusters; c++) {
            double wc = rnd.nextGaussian();
            double z0 = rnd.nextGaussian();
            double z1 = rnd.nextGaussian();
            double u0 = 2.0 * z0;
            double u1 = 0.5 * (rho * z0 + Math.sqrt(1 - rho * rho) * z1);
            for (int r = 0; r < rowsPerCluster; r++, i++) {
                double xi = rnd.nextGaussian();
                cl[i] = c;
                x[i] = xi;
                w[i] = wc;
                y[i] = 10 + 2 * xi + 1.5 * wc + 0.5 * xi * wc + u0 + u1 * xi + 3.0 * rnd.nextGaussian();
            }
        }
        return new SyntheticData(cl, x, w, y, clusters);
    }

    public int rows() {
        return y.length;
    }

    /** Columns cluster (numeric id 1..m), x, w, y. */
    public Dataset dataset() {
        double[] id = new double[cluster.length];
        for (int i = 0; i < id.length; i++) id[i] = cluster[i] + 1;
        return new Dataset("synthetic", List.of(new NumericColumn("cluster", id), new NumericColumn("x", x.clone()),
                new NumericColumn("w", w.clone()), new NumericColumn("y", y.clone())));
    }

    /** Writes the data as CSV (header cluster,x,w,y). */
    public void writeCsv(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("cluster,x,w,y\n");
            StringBuilder sb = new StringBuilder(64);
            for (int i = 0; i < y.length; i++) {
                sb.setLength(0);
                sb.append(cluster[i] + 1).append(',').append(x[i]).append(',').append(w[i]).append(',').append(y[i])
                        .append('\n');
                out.write(sb.toString());
            }
        }
    }

    /** The model frame of {@link #FORMULA}, built directly (no formula parsing). */
    public DesignMatrices design() {
        int n = y.length;
        int p = 4;
        double[] xm = new double[n * p];
        double[] z = new double[n * 2];
        for (int i = 0; i < n; i++) {
            xm[i * p] = 1;
            xm[i * p + 1] = x[i];
            xm[i * p + 2] = w[i];
            xm[i * p + 3] = x[i] * w[i];
            z[i * 2] = 1;
            z[i * 2 + 1] = x[i];
        }
        FixedDesign fixed = new FixedDesign(List.of("(Intercept)", "x", "w", "x:w"), xm, new int[] {-1, 0, 1, 2},
                List.of("x", "w", "x:w"), List.of());
        List<String> levels = new ArrayList<>(clusters);
        for (int c = 0; c < clusters; c++) levels.add(Integer.toString(c + 1));
        RandomTerm term = new RandomTerm("cluster", levels, cluster.clone(), List.of("(Intercept)", "x"), z);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        return new DesignMatrices(ModelSpec.gaussian(FORMULA), y.clone(), null, null, fixed, List.of(term), rows,
                List.of());
    }
}
