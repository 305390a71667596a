package org.multilevel.cli;

import java.io.PrintStream;

/**
 * The multilevel command line as a service: {@code fit}, {@code compare}, {@code ols-by-cluster}, {@code bench}
 * and {@code help}. The distribution's launcher and the Gogo shell both call it.
 */
public interface CommandLine {
    /** Exit code of a successful run. */
    int OK = 0;
    /** Exit code of an unexpected failure (a bug): "internal error: ..." on err. */
    int INTERNAL_ERROR = 1;
    /** Exit code of a problem the user can fix: one line "error: ..." on err. */
    int USER_ERROR = 2;

    /**
     * Runs one command.
     *
     * @param args the arguments after the program name; none fits the bundled example
     * @param out  results (with {@code --format json} exactly one JSON document and nothing else)
     * @param err  diagnostics, warnings and error messages
     * @return 0 ok, 2 user error, 1 internal error
     */
    int run(String[] args, PrintStream out, PrintStream err);
}
