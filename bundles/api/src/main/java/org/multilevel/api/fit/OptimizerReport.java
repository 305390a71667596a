package org.multilevel.api.fit;

/**
 * How the optimization ended.
 *
 * @param name        "BOBYQA", "Brent", ...
 * @param evaluations deviance evaluations
 * @param parameters  final parameter vector (theta, then beta for GLMMs)
 * @param message     a plain sentence on convergence
 */
public record OptimizerReport(String name, int evaluations, double[] parameters, String message) {
}
