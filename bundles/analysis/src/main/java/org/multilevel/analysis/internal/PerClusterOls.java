package org.multilevel.analysis.internal;

import java.util.List;

import org.multilevel.api.MultilevelException;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.ModelFrameBuilder;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.derived.ClusterOls;

/**
 * Per-cluster ordinary least squares: the model frame of the fixed part (so missing values, factors and
 * centering are handled as for the mixed model), fitted per cluster by the derived-quantities bundle.
 */
final class PerClusterOls {
    private final ModelFrameBuilder frames;

    PerClusterOls(ModelFrameBuilder frames) {
        this.frames = frames;
    }

    List<ResultSection> fit(Dataset data, ModelSpec model, String cluster) {
        if (data.column(cluster).isEmpty()) {
            throw new MultilevelException("there is no column '" + cluster + "' to define the clusters"
                    + closest(cluster, data.columnNames()) + "; columns are " + String.join(", ", data.columnNames()));
        }
        DesignMatrices design = frames.build(data, model);
        if (!design.random().isEmpty()) {
            throw new MultilevelException("ols-by-cluster fits the fixed part only: remove the random terms from the "
                    + "formula and name the cluster with --cluster");
        }
        return List.of(ClusterOls.section(data, design, cluster));
    }

    private static String closest(String typed, List<String> names) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String n : names) {
            int d = distance(typed.toLowerCase(java.util.Locale.ROOT), n.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = n;
            }
        }
        return best != null && bestDistance <= Math.max(2, typed.length() / 3) ? " (did you mean " + best + "?)" : "";
    }

    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1),
                        d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
        }
        return d[a.length()][b.length()];
    }
}
