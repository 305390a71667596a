package org.multilevel.api.descriptor;

import org.multilevel.api.MultilevelException;

/** Options a host gave do not fit the analysis's descriptor (one sentence naming the option). */
public class OptionException extends MultilevelException {
    private static final long serialVersionUID = 1L;

    public OptionException(String message) {
        super(message);
    }
}
