package org.multilevel.formula.internal;

import java.util.Locale;
import org.multilevel.api.task.WorkLimits;
import org.multilevel.api.task.WorkTooLargeException;

/**
 * The check made before a dense model matrix is allocated: n × p doubles must fit in one Java array and, with
 * the rank check's two p × p crossproducts, in the memory left; the rank check's Cholesky (p³/3 operations) must
 * fit in the time budget ({@link WorkLimits}). A factor with a level per subject as a fixed effect fails here
 * in words instead of with an array-size or out-of-memory error.
 */
final class MatrixCost {
    /** The largest array a JVM allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private MatrixCost() {
    }

    /**
     * @param rows    n
     * @param columns p so far, including the term being added
     * @param term    the term being added, for the message
     * @param termColumns its columns
     */
    static void require(int rows, long columns, String term, long termColumns) {
        String what = String.format(Locale.ROOT, "the model matrix (%,d rows, %,d columns; the term %s alone has %,d)",
                rows, columns, term, termColumns);
        String advice = "a factor with this many levels belongs in the random part, e.g. (1 | " + bare(term) + ")";
        if ((double) rows * columns > MAX_ARRAY) {
            throw new WorkTooLargeException(what + " has more cells than a Java array can hold (" + MAX_ARRAY + "); "
                    + advice);
        }
        double p = columns;
        double bytes = (double) rows * p * Double.BYTES + 2 * p * p * Double.BYTES;
        WorkLimits.current().require(what, bytes, p * p * p / 3, advice);
    }

    /** factor(id) -> id, for the advice. */
    private static String bare(String term) {
        String t = term.trim();
        if (t.startsWith("factor(") && t.endsWith(")")) return t.substring(7, t.length() - 1);
        return t;
    }
}
