package org.multilevel.api.task;

import org.multilevel.api.MultilevelException;

/**
 * The caller cancelled the analysis. Never turned into a warning or a failed refit: whoever catches
 * {@link MultilevelException} to carry on with a partial result rethrows this one.
 */
public class CancelledException extends MultilevelException {
    private static final long serialVersionUID = 1L;
    public static final String MESSAGE = "the analysis was cancelled";

    public CancelledException() {
        super(MESSAGE);
    }
}
