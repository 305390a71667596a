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
    public static FitOptions of(Method method, DdfMethod ddf) {
        return new FitOptions(method, ddf, 1, 10_000);
    }

    public FitOptions withMethod(Method m) {
        return new FitOptions(m, ddf, quadraturePoints, maxEvaluations);
    }

    public FitOptions withDdf(DdfMethod d) {
        return new FitOptions(method, d, quadraturePoints, maxEvaluations);
    }
}
