package org.multilevel.inference.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.ResultContributor;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.fit.Estimator;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.Method;
import org.multilevel.api.task.TaskMonitor;
import org.multilevel.api.task.WorkLimits;
import org.multilevel.inference.ParametricBootstrap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Adds the section "bootstrap" (parametric bootstrap percentile intervals) when the request option "ci" is
 * "bootstrap"; options "nsim" (default 200) and "seed" (default 1). Refits with the estimator service that
 * fitted the model; progress (refits done of nsim) goes to the analysis's monitor, which also cancels.
 */
@Component(service = ResultContributor.class, property = "service.ranking:Integer=40")
public final class BootstrapContributor implements ResultContributor {

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<Estimator> estimators = List.of();

    public BootstrapContributor() {
    }

    /** For use without a service registry. */
    public BootstrapContributor(List<Estimator> estimators) {
        this.estimators = List.copyOf(estimators);
    }

    @Override
    public List<ResultSection> contribute(FittedModel model, Dataset data, AnalysisRequest request) {
        return contribute(model, data, request, TaskMonitor.NONE);
    }

    @Override
    public List<ResultSection> contribute(FittedModel model, Dataset data, AnalysisRequest request, TaskMonitor monitor) {
        if (request == null || !"bootstrap".equalsIgnoreCase(request.options().getOrDefault("ci", ""))) return List.of();
        int nsim = parseInt(request.options().getOrDefault("nsim", "200"), "nsim");
        long seed = parseInt(request.options().getOrDefault("seed", "1"), "seed");
        FitOptions options = request.fit() != null ? request.fit()
                : FitOptions.of(Method.parse(model.result().method()), org.multilevel.api.fit.DdfMethod.NONE);
        Estimator estimator = choose(model, options);
        ParametricBootstrap.Result r = ParametricBootstrap.run(model, estimator, options, nsim, seed, monitor,
                WorkLimits.current());
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-32s %12s %12s %12s%n", "", "Estimate",
                "2.5 %", "97.5 %"));
        for (ParametricBootstrap.Interval iv : r.intervals()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("parameter", iv.parameter());
            m.put("estimate", iv.estimate());
            m.put("lower", iv.lower());
            m.put("upper", iv.upper());
            rows.add(m);
            text.append(String.format(Locale.ROOT, "%-32s %12.5g %12.5g %12.5g%n", iv.parameter(), iv.estimate(),
                    iv.lower(), iv.upper()));
        }
        text.append(String.format(Locale.ROOT, "%d of %d refits succeeded (seed %d).%n", r.succeeded(), r.nsim(), r.seed()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("method", "parametric bootstrap, percentile");
        json.put("nsim", r.nsim());
        json.put("succeeded", r.succeeded());
        json.put("seed", r.seed());
        json.put("intervals", rows);
        return List.of(new ResultSection("bootstrap", "95% parametric bootstrap intervals", json, text.toString()));
    }

    private Estimator choose(FittedModel model, FitOptions options) {
        List<Estimator> all = estimators;
        for (Estimator e : all) if (e.name().equals(model.result().estimator())) return e;
        for (Estimator e : all) if (e.unsupported(model.design(), options).isEmpty()) return e;
        throw new MultilevelException("No estimator is available to refit the model for the bootstrap.");
    }

    private static int parseInt(String text, String key) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new MultilevelException("Option " + key + " must be a whole number, got '" + text + "'.");
        }
    }
}
