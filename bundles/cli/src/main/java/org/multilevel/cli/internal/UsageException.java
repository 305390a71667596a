package org.multilevel.cli.internal;

import org.multilevel.api.MultilevelException;

/** A command line the program cannot understand: unknown option, missing value, bad number. */
final class UsageException extends MultilevelException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
