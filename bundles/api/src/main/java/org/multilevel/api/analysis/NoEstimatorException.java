package org.multilevel.api.analysis;

import org.multilevel.api.MultilevelException;

/** No registered estimator supports the model: "no estimator available for this model (...)". */
public class NoEstimatorException extends MultilevelException {
    private static final long serialVersionUID = 1L;

    public NoEstimatorException(String detail) {
        super("no estimator available for this model" + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")"));
    }
}
