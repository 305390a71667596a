package org.multilevel.api.fit;

import org.multilevel.api.model.DesignMatrices;

/**
 * A fitted model: the result document plus what inference and reporting need from the estimator. Immutable;
 * safe to use from several threads.
 */
public interface FittedModel {
    FitResult result();

    DesignMatrices design();

    /** Estimated fixed effects in the order of the design's columns. */
    double[] beta();

    /** Model-based covariance of the fixed effects (p x p). */
    double[][] fixedCovariance();

    /** Fitted values on the linear-predictor scale without random effects: X beta (+ offset). */
    double[] fixedPrediction();

    /** Fitted values on the linear-predictor scale with the conditional modes: X beta + Z b (+ offset). */
    double[] conditionalPrediction();

    /**
     * Tests L beta = 0 (L has one row per constraint, p columns) with the given denominator df method.
     *
     * @throws EstimationException if this estimator does not offer that method
     */
    ContrastTest test(double[][] contrast, DdfMethod ddf);
}
