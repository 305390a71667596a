package org.multilevel.api.analysis;

import java.util.List;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.model.DesignMatrices;
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

    /**
     * Called before the fit: a request this contributor answers but cannot honour for this model (a contrast
     * naming no fixed effect, robust standard errors with crossed random effects, ...) is refused here, so the
     * user learns it at once instead of after a long fit. Requests the contributor does not answer are ignored.
     *
     * @throws org.multilevel.api.MultilevelException naming the option and why it cannot be honoured
     */
    default void checkRequest(DesignMatrices design, AnalysisRequest request) {
    }
}
