package org.multilevel.formula.internal;

import java.util.Locale;
import org.multilevel.api.task.WorkLimits;
import org.multilevel.api.task.WorkTooLargeException;

/**
 * The check made before a dense model matrix is allocated: n × p doubles must fit in one Java array and, with
 * the two p × p crossproducts of the rank check, in the memory left; and the mixed-model fit that follows must fit
 * in the time budget ({@link WorkLimits}): it factors the p × p crossproduct once for the rank check and at every
 * deviance evaluation, of which a fit needs at least {@value #MIN_EVALUATIONS} (p³/3 operations each). A factor
 * with a level per subject as a fixed effect fails here, in words and at once, instead of with an array-size or
 * out-of-memory error or after an hour.
 */
final class MatrixCost {
    /** The largest array a JVM allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** The fewest deviance evaluations of a fit (the lmm estimators' cost model counts 60 + 20k + 2k²). */
    static final int MIN_EVALUATIONS = 60;

    private MatrixCost() {
    }

    /**
     * @param rows    n
     * @param columns p so far, including the term being added
     * @param term    the term being added, for the message
     * @param termColumns its columns
     */
    static void require(int rows, long columns, String term, long termColumns) {
        String sizes = String.format(Locale.ROOT, "%,d rows and %,d columns (the term %s alone has %,d)", rows, columns,
                term, termColumns);
        String advice = "a factor with this many levels belongs in the random part, e.g. (1 | " + bare(term) + ")";
        if ((double) rows * columns > MAX_ARRAY) {
            throw new WorkTooLargeException("the model matrix of " + sizes + " has more cells than a Java array can hold ("
                    + MAX_ARRAY + "); " + advice);
        }
        double p = columns;
        double bytes = (double) rows * p * Double.BYTES + 2 * p * p * Double.BYTES;
        WorkLimits.current().require("a fit with a model matrix of " + sizes, bytes,
                (1 + MIN_EVALUATIONS) * p * p * p / 3, advice);
    }

    /** factor(id) -> id, for the advice. */
    private static String bare(String term) {
        String t = term.trim();
        if (t.startsWith("factor(") && t.endsWith(")")) return t.substring(7, t.length() - 1);
        return t;
    }
}
