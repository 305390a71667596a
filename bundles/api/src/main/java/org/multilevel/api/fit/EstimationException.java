package org.multilevel.api.fit;

import org.multilevel.api.MultilevelException;

/** A model that cannot be fitted, with the reason in words a user can act on. */
public class EstimationException extends MultilevelException {
    private static final long serialVersionUID = 1L;

    public EstimationException(String message) {
        super(message);
    }
}
