package org.multilevel.api.task;

import org.multilevel.api.fit.EstimationException;

/**
 * The estimator service was deactivated (its bundle stopped) while it was fitting. Like
 * {@link CancelledException} it ends the whole analysis: a partial result (a bootstrap with fewer refits) would
 * differ from the one asked for.
 */
public class EstimatorStoppedException extends EstimationException {
    private static final long serialVersionUID = 1L;
    public static final String MESSAGE = "the estimator was stopped";

    public EstimatorStoppedException() {
        super(MESSAGE);
    }
}
