package org.multilevel.api.model;

import java.util.List;

/**
 * The model frame: everything an estimator needs, evaluated on the rows the model uses (listwise deletion
 * of missing values in the model's variables).
 *
 * @param spec     the model as asked for
 * @param y        response; for binomial models the proportion of successes
 * @param weights  binomial trials per row (null: one trial each, or not binomial)
 * @param offset   known offset of the linear predictor (null: none)
 * @param fixed    X
 * @param random   the random-effects terms in formula order
 * @param dataRows the 0-based row of the data set behind each model row
 * @param notes    plain sentences about what was done to the data (rows dropped, columns dropped)
 * @param frame    how the data were read and used (for the results document); {@link FrameReport#NONE} for
 *                 a design built by hand
 */
public record DesignMatrices(ModelSpec spec, double[] y, double[] weights, double[] offset, FixedDesign fixed,
                             List<RandomTerm> random, int[] dataRows, List<String> notes, FrameReport frame) {
    public DesignMatrices {
        random = List.copyOf(random);
        notes = List.copyOf(notes);
        if (frame == null) frame = FrameReport.NONE;
    }

    /** A design built without a report of how the data were read. */
    public DesignMatrices(ModelSpec spec, double[] y, double[] weights, double[] offset, FixedDesign fixed,
                          List<RandomTerm> random, int[] dataRows, List<String> notes) {
        this(spec, y, weights, offset, fixed, random, dataRows, notes, FrameReport.NONE);
    }

    public int rows() {
        return y.length;
    }
}
