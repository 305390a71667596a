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
                    + RequestCheck.Suggest.closest(cluster, data.columnNames()) + "; columns are " + String.join(", ", data.columnNames()));
        }
        RequestCheck.check(data, model);
        DesignMatrices design = frames.build(data, model);
        if (!design.random().isEmpty()) {
            throw new MultilevelException("ols-by-cluster fits the fixed part only: remove the random terms from the "
                    + "formula and name the cluster with --cluster");
        }
        return List.of(ClusterOls.section(data, design, cluster));
    }
}
