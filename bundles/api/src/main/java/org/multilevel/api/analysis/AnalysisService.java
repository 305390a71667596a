package org.multilevel.api.analysis;

import java.util.List;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.task.TaskMonitor;

/** What a host's analysis menu calls. Chooses an estimator service by its properties and ranking. */
public interface AnalysisService {
    /**
     * Builds the model frame, fits with the best estimator that supports the model, adds derived sections.
     *
     * @throws NoEstimatorException when no registered estimator supports the model
     */
    AnalysisResult fit(Dataset data, AnalysisRequest request);

    /** Fits every model on the same rows and compares consecutive pairs (likelihood-ratio tests). */
    Comparison compare(Dataset data, List<ModelSpec> models, FitOptions fit);

    /** Ordinary least squares per cluster of {@code cluster}, the exploratory first step. */
    List<ResultSection> olsByCluster(Dataset data, ModelSpec model, String cluster);

    /**
     * {@link #fit(Dataset, AnalysisRequest)} with progress and cancellation: the monitor receives progress by
     * stage and is checked between stages, once per deviance evaluation and once per bootstrap refit.
     *
     * @throws org.multilevel.api.task.CancelledException when the monitor was cancelled; nothing of the analysis
     *         is kept
     * @throws org.multilevel.api.task.EstimatorStoppedException when the estimator service was stopped while
     *         it fitted
     */
    default AnalysisResult fit(Dataset data, AnalysisRequest request, TaskMonitor monitor) {
        monitor.checkCancelled();
        return fit(data, request);
    }

    /** {@link #compare(Dataset, List, FitOptions)} with progress and cancellation, as for fit. */
    default Comparison compare(Dataset data, List<ModelSpec> models, FitOptions fit, TaskMonitor monitor) {
        monitor.checkCancelled();
        return compare(data, models, fit);
    }
}
