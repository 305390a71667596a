package org.multilevel.transform.internal;

import java.util.Locale;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.model.Transform;
import org.multilevel.api.model.TransformService;
import org.osgi.service.component.annotations.Component;

/**
 * Centering and standardizing, computed over the analysed rows handed in (the caller drops rows with missing
 * values first, so means are those of the rows the model uses).
 *
 * <ul>
 * <li>{@code GRAND_MEAN_CENTERED}: x − mean(x).</li>
 * <li>{@code WITHIN_CLUSTER}: x − mean of x in the row's cluster (the within part).</li>
 * <li>{@code CLUSTER_MEAN}: the cluster mean of x assigned to each row, minus the mean of those row values
 *     over all rows. The mean over rows of the cluster means is the grand mean of x (every row counts once,
 *     so large clusters weigh more), hence this is {@code cm(x) = cluster mean − grand mean}: its mean over the
 *     rows is 0, as a user regressing on it expects, and {@code cwc(x) + cm(x) = gmc(x)}.</li>
 * <li>{@code Z_SCORE}: (x − mean) / sd with the sample SD (n − 1), as R's {@code scale()}; a variable with no
 *     variance cannot be standardized and is an error.</li>
 * <li>{@code WITHIN_CLUSTER_Z}: (x − cluster mean) / cluster SD (n_j − 1). A cluster with one row or with no
 *     variance gets 0 for its rows (its rows carry no within-cluster information).</li>
 * <li>{@code LOG}: natural logarithm; a value ≤ 0 is an error naming the row.</li>
 * </ul>
 */
@Component(service = TransformService.class)
public final class CenteringService implements TransformService {

    @Override
    public double[] apply(Transform transform, double[] values, int[] cluster) {
        if (transform == null || values == null) throw new IllegalArgumentException("transform and values are required");
        checkNoMissing(values);
        if (transform.needsCluster()) {
            if (cluster == null) throw new IllegalArgumentException(transform + " needs the cluster of every row");
            if (cluster.length != values.length) {
                throw new IllegalArgumentException(cluster.length + " cluster indexes for " + values.length + " rows");
            }
        }
        if (values.length == 0) return new double[0];
        return switch (transform) {
            case GRAND_MEAN_CENTERED -> grandMeanCentered(values);
            case WITHIN_CLUSTER -> withinCluster(values, cluster);
            case CLUSTER_MEAN -> clusterMean(values, cluster);
            case Z_SCORE -> zScore(values);
            case WITHIN_CLUSTER_Z -> withinClusterZ(values, cluster);
            case LOG -> log(values);
        };
    }

    private static void checkNoMissing(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new MultilevelException("Cannot transform a variable with a missing or infinite value (row "
                        + (i + 1) + " of the analysed rows).");
            }
        }
    }

    private static double[] grandMeanCentered(double[] x) {
        double mean = moments(x).mean[0];
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = x[i] - mean;
        return out;
    }

    private static double[] withinCluster(double[] x, int[] cluster) {
        ClusterMoments m = ClusterMoments.of(x, cluster);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = x[i] - m.mean[cluster[i]];
        return out;
    }

    private static double[] clusterMean(double[] x, int[] cluster) {
        ClusterMoments m = ClusterMoments.of(x, cluster);
        double[] rowMeans = new double[x.length];
        for (int i = 0; i < x.length; i++) rowMeans[i] = m.mean[cluster[i]];
        // the mean over rows of the assigned cluster means (equal to the grand mean of x)
        double centre = moments(rowMeans).mean[0];
        for (int i = 0; i < x.length; i++) rowMeans[i] -= centre;
        return rowMeans;
    }

    private static double[] zScore(double[] x) {
        ClusterMoments m = moments(x);
        if (m.sd[0] == 0) {
            throw new MultilevelException(String.format(Locale.ROOT,
                    "Cannot standardize a variable with no variance (%s).",
                    x.length == 1 ? "a single value" : "all " + x.length + " values are " + x[0]));
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = (x[i] - m.mean[0]) / m.sd[0];
        return out;
    }

    private static double[] withinClusterZ(double[] x, int[] cluster) {
        ClusterMoments m = ClusterMoments.of(x, cluster);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double sd = m.sd[cluster[i]];
            out[i] = sd > 0 ? (x[i] - m.mean[cluster[i]]) / sd : 0;
        }
        return out;
    }

    private static double[] log(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (x[i] <= 0) {
                throw new MultilevelException("Cannot take the log of " + x[i] + " (row " + (i + 1)
                        + " of the analysed rows); log needs positive values.");
            }
            out[i] = Math.log(x[i]);
        }
        return out;
    }

    private static ClusterMoments moments(double[] x) {
        return ClusterMoments.of(x, new int[x.length]);
    }
}
