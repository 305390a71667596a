package org.multilevel.api.task;

import org.multilevel.api.MultilevelException;

/** Work refused before it started because it would not fit in memory or in the time budget ({@link WorkLimits}). */
public class WorkTooLargeException extends MultilevelException {
    private static final long serialVersionUID = 1L;

    public WorkTooLargeException(String message) {
        super(message);
    }
}
