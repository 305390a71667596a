package org.multilevel.api.analysis;

import java.util.List;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.task.TaskMonitor;

/**
 * A whiteboard service that adds derived sections to every analysis it applies to. Stateless.
 */
public interface ResultContributor {
    /** Sections for this fitted model; empty when not applicable or not asked for in the request. */
    List<ResultSection> contribute(FittedModel model, Dataset data, AnalysisRequest request);

    /**
     * The same, for long contributions (bootstrap refits, Kenward-Roger on large models): report progress to the
     * monitor and check it in their loops. A {@link org.multilevel.api.task.CancelledException} or
     * {@link org.multilevel.api.task.EstimatorStoppedException} thrown here ends the analysis; other failures
     * become a warning. The default ignores the monitor.
     */
    default List<ResultSection> contribute(FittedModel model, Dataset data, AnalysisRequest request, TaskMonitor monitor) {
        return contribute(model, data, request);
    }
}
