package org.multilevel.host;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.AnalysisResult;
import org.multilevel.api.analysis.AnalysisService;
import org.multilevel.api.analysis.Comparison;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.descriptor.AnalysisDescriptor;
import org.multilevel.api.descriptor.HostAnalysisService;
import org.multilevel.api.descriptor.OptionException;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.results.Results;
import org.multilevel.api.results.ResultsService;
import org.multilevel.host.internal.Names;
import org.multilevel.host.internal.OptionValidator;
import org.multilevel.host.internal.Requests;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Runs the analyses of the {@link Catalogue} for hosts: options as JSON, checked against the descriptor and the
 * data, turned into a request for the analysis service, answered with structured results. Stateless.
 */
@Component(service = HostAnalysisService.class)
public final class HostAnalyses implements HostAnalysisService {
    private final AnalysisService analysis;
    private final ResultsService results;

    @Activate
    public HostAnalyses(@Reference(name = "analysis") AnalysisService analysis,
                        @Reference(name = "results") ResultsService results) {
        this.analysis = analysis;
        this.results = results;
    }

    @Override
    public List<AnalysisDescriptor> analyses() {
        return Catalogue.all();
    }

    @Override
    public Map<String, Object> validate(String analysisId, String optionsJson, Dataset data) {
        return OptionValidator.validate(descriptor(analysisId), optionsJson, data);
    }

    @Override
    public Results run(String analysisId, String optionsJson, Dataset data) {
        AnalysisDescriptor d = descriptor(analysisId);
        Map<String, Object> options = OptionValidator.validate(d, optionsJson, data);
        return switch (d.id()) {
            case Catalogue.LMM -> results.results(analysis.fit(data, lmmRequest(options)));
            case Catalogue.GLMM -> results.results(analysis.fit(data, glmmRequest(options)));
            case Catalogue.OLS_BY_CLUSTER -> {
                String formula = Requests.fixedFormula(options);
                yield results.results("Per-cluster OLS: " + formula,
                        analysis.olsByCluster(data, ModelSpec.gaussian(formula), (String) options.get("cluster")));
            }
            case Catalogue.COMPARE -> results.results(compare(data, options));
            default -> throw new OptionException("analysis '" + analysisId + "' has no implementation here");
        };
    }

    static AnalysisRequest lmmRequest(Map<String, Object> options) {
        ModelSpec model = ModelSpec.gaussian(Requests.mixedFormula(options));
        FitOptions fit = FitOptions.of(Method.parse((String) options.get("method")), DdfMethod.parse((String) options.get("ddf")));
        Map<String, String> extra = new HashMap<>();
        if (options.get("plotPredictor") != null) extra.put("plot-predictor", (String) options.get("plotPredictor"));
        return new AnalysisRequest(model, fit, List.of(), extra);
    }

    static AnalysisRequest glmmRequest(Map<String, Object> options) {
        ModelSpec model = ModelSpec.of(Requests.mixedFormula(options), Family.parse((String) options.get("family")));
        Method method = Method.parse((String) options.get("method"));
        int points = (Integer) options.get("quadraturePoints");
        if (method == Method.AGQ && points < 2) {
            throw new OptionException("option 'quadraturePoints' must be more than 1 for AGQ (1 point is the Laplace method)");
        }
        if (method == Method.LAPLACE && points != 1) {
            throw new OptionException("option 'quadraturePoints' applies to AGQ only: set 'method' to AGQ or leave it out");
        }
        return AnalysisRequest.of(model, new FitOptions(method, DdfMethod.NONE, points, 10_000));
    }

    private Comparison compare(Dataset data, Map<String, Object> options) {
        List<ModelSpec> models = new ArrayList<>();
        for (String name : List.of("model1", "model2", "model3", "model4")) {
            if (options.get(name) != null) models.add(ModelSpec.gaussian((String) options.get(name)));
        }
        if (options.get("model4") != null && options.get("model3") == null) {
            throw new OptionException("option 'model4' is given without 'model3'");
        }
        Method method = Method.parse((String) options.get("method"));
        return analysis.compare(data, models, FitOptions.of(method, DdfMethod.SATTERTHWAITE));
    }

    private static AnalysisDescriptor descriptor(String id) {
        AnalysisDescriptor d = Catalogue.find(id);
        if (d == null) {
            List<String> ids = new ArrayList<>();
            for (AnalysisDescriptor a : Catalogue.all()) ids.add(a.id());
            String hint = Names.suggest(id == null ? "" : id, ids);
            throw new OptionException("there is no analysis '" + id + "'" + (hint.isEmpty()
                    ? " (analyses: " + String.join(", ", ids) + ")" : hint));
        }
        return d;
    }
}
