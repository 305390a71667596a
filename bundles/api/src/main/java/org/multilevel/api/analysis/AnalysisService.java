package org.multilevel.api.analysis;

import java.util.List;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.model.ModelSpec;

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
}
