package org.multilevel.api.fit;

/**
 * How to fit.
 *
 * @param method        REML or ML (linear), Laplace or AGQ (generalized)
 * @param ddf           denominator df for the fixed-effects tests in the result
 * @param quadraturePoints Gauss-Hermite points per level for AGQ (1 = Laplace)
 * @param maxEvaluations cap on deviance evaluations of the optimizer
 */
public record FitOptions(Method method, DdfMethod ddf, int quadraturePoints, int maxEvaluations) {
    /**
     * The evaluation cap of {@link #of}; an estimator may replace it by its administrator-configured limit when a
     * request leaves it at this value.
     */
    public static final int DEFAULT_MAX_EVALUATIONS = 10_000;

    public static FitOptions of(Method method, DdfMethod ddf) {
        return new FitOptions(method, ddf, 1, DEFAULT_MAX_EVALUATIONS);
    }

    /** The same options with the cap an estimator's configuration sets, unless the request chose its own. */
    public FitOptions withDefaultMaxEvaluations(int configured) {
        return maxEvaluations == DEFAULT_MAX_EVALUATIONS && configured != maxEvaluations
            ? new FitOptions(method, ddf, quadraturePoints, configured) : this;
    }

    public FitOptions withMethod(Method m) {
        return new FitOptions(m, ddf, quadraturePoints, maxEvaluations);
    }

    public FitOptions withDdf(DdfMethod d) {
        return new FitOptions(method, d, quadraturePoints, maxEvaluations);
    }
}
