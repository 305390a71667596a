package org.multilevel.api.fit;

import java.util.List;
import java.util.Map;

/**
 * The fitted model as the results JSON describes it (see spec/results-json.md): one field per key.
 * Maps keep their insertion order.
 *
 * @param sigma2        residual variance; null for binomial / poisson
 * @param remlCriterion null unless the method is REML
 * @param optimizer     what was optimized and how it ended (name, evaluations, final parameters)
 */
public record FitResult(String formula, String family, String link, String method, String estimator, String ddf,
                        int nobs, Map<String, Integer> groups, boolean converged, boolean singular,
                        List<String> warnings, List<FixedEffect> fixed, List<VarianceComponent> random,
                        Double sigma2, double logLik, int npar, double aic, double bic, double deviance,
                        Double remlCriterion, Map<String, RandomEffectModes> ranef, OptimizerReport optimizer) {
    public FitResult {
        groups = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(groups));
        warnings = List.copyOf(warnings);
        fixed = List.copyOf(fixed);
        random = List.copyOf(random);
        ranef = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ranef));
    }
}
