package org.multilevel.transform.internal;

/**
 * Row count, mean and sample standard deviation of a variable in each cluster, in two passes over the rows
 * (mean first, then squared deviations from it: no cancellation as in the one-pass sum of squares). A
 * cluster whose values are all equal has exactly its value as mean and an SD of 0.
 */
final class ClusterMoments {
    final int[] count;
    final double[] mean;
    final double[] sd;

    private ClusterMoments(int[] count, double[] mean, double[] sd) {
        this.count = count;
        this.mean = mean;
        this.sd = sd;
    }

    static ClusterMoments of(double[] values, int[] cluster) {
        int k = 0;
        for (int c : cluster) {
            if (c < 0) throw new IllegalArgumentException("cluster index " + c + " is negative");
            k = Math.max(k, c + 1);
        }
        int[] count = new int[k];
        double[] sum = new double[k];
        double[] min = new double[k];
        double[] max = new double[k];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < values.length; i++) {
            int c = cluster[i];
            count[c]++;
            sum[c] += values[i];
            min[c] = Math.min(min[c], values[i]);
            max[c] = Math.max(max[c], values[i]);
        }
        double[] mean = new double[k];
        for (int j = 0; j < k; j++) mean[j] = count[j] > 0 ? sum[j] / count[j] : Double.NaN;
        double[] squares = new double[k];
        double[] residual = new double[k];
        for (int i = 0; i < values.length; i++) {
            double d = values[i] - mean[cluster[i]];
            residual[cluster[i]] += d;
            squares[cluster[i]] += d * d;
        }
        double[] sd = new double[k];
        for (int j = 0; j < k; j++) {
            if (count[j] == 0) continue;
            // correct the mean by the rounding error of the first pass
            double correction = residual[j] / count[j];
            mean[j] += correction;
            double ss = squares[j] - residual[j] * correction;
            // all values equal: exactly no variance, whatever the rounding of the mean
            if (min[j] == max[j]) {
                mean[j] = min[j];
                continue;
            }
            sd[j] = count[j] > 1 ? Math.sqrt(Math.max(0, ss) / (count[j] - 1)) : 0;
        }
        return new ClusterMoments(count, mean, sd);
    }
}
