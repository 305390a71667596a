package org.multilevel.api;

/**
 * Base of every problem a user can act on: bad data, a malformed formula, a model the data cannot
 * identify, no estimator available. The message is one plain sentence naming the problem (and, where
 * sensible, the file, row, column or term); callers show it as it is, never a stack trace.
 */
public class MultilevelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MultilevelException(String message) {
        super(message);
    }

    public MultilevelException(String message, Throwable cause) {
        super(message, cause);
    }
}
