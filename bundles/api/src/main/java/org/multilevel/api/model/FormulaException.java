package org.multilevel.api.model;

import org.multilevel.api.MultilevelException;

/** A formula that cannot be parsed or evaluated; {@link #position()} is the 0-based offset, or -1. */
public class FormulaException extends MultilevelException {
    private static final long serialVersionUID = 1L;
    private final int position;

    public FormulaException(String message, int position) {
        super(message);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
