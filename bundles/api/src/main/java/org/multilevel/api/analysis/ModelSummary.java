package org.multilevel.api.analysis;

/** One model of a comparison. */
public record ModelSummary(String formula, String method, int nobs, int npar, double logLik, double aic, double bic,
                           double deviance) {
}
