package org.multilevel.api.analysis;

import java.util.List;
import java.util.Map;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.model.ModelSpec;

/**
 * One analysis as a host menu or the command line asks for it.
 *
 * @param model     the model
 * @param fit       method, ddf, ...
 * @param contrasts named linear combinations of fixed effects, "contextual=meanses - cses"
 * @param options   further named options for result contributors ("compare-ols" -> "true",
 *                  "ci" -> "profile", ...); unknown keys are ignored
 */
public record AnalysisRequest(ModelSpec model, FitOptions fit, List<String> contrasts, Map<String, String> options) {
    public AnalysisRequest {
        contrasts = List.copyOf(contrasts);
        options = Map.copyOf(options);
    }

    public static AnalysisRequest of(ModelSpec model, FitOptions fit) {
        return new AnalysisRequest(model, fit, List.of(), Map.of());
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(options.getOrDefault(key, "false"));
    }
}
