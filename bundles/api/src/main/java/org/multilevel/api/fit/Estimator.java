package org.multilevel.api.fit;

import java.util.Optional;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.task.TaskMonitor;

/**
 * An estimator service. Registered with the properties of {@link EstimatorProperties} (and
 * {@code service.ranking}) so that the analysis service can choose among several; implementations hold no
 * mutable state and are called by several analyses at once.
 */
public interface Estimator {
    /** Short name reported in the result's {@code estimator} key. */
    String name();

    /** Empty when this estimator can fit the model, else the reason it cannot (one sentence). */
    Optional<String> unsupported(DesignMatrices design, FitOptions options);

    /**
     * @throws EstimationException when the model cannot be fitted (with the reason in words); a fit that
     *         ran but did not converge is returned with {@code converged = false} and a warning instead
     */
    FittedModel fit(DesignMatrices design, FitOptions options);

    /**
     * The same, reporting progress to the monitor and checking it for cancellation once per deviance evaluation
     * (so a cancelled fit ends within a second with {@link org.multilevel.api.task.CancelledException}). An
     * estimator deactivated while it fits ends the fit with
     * {@link org.multilevel.api.task.EstimatorStoppedException}. The default ignores the monitor.
     */
    default FittedModel fit(DesignMatrices design, FitOptions options, TaskMonitor monitor) {
        monitor.checkCancelled();
        return fit(design, options);
    }
}
