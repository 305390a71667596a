package org.multilevel.api.data;

import org.multilevel.api.MultilevelException;

/** A data file or column that cannot be used; the message names the file, row and column. */
public class DataException extends MultilevelException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
