package org.multilevel.analysis.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.multilevel.api.MultilevelException;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.AnalysisResult;
import org.multilevel.api.analysis.AnalysisService;
import org.multilevel.api.analysis.Comparison;
import org.multilevel.api.analysis.ResultContributor;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.fit.Estimator;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.ModelFrameBuilder;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.task.CancelledException;
import org.multilevel.api.task.EstimatorStoppedException;
import org.multilevel.api.task.TaskMonitor;
import org.multilevel.api.task.WorkTooLargeException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The analysis service: model frame, estimator chosen at run time by its service properties and ranking,
 * then the result contributors. Estimators and contributors come and go while it runs; every call works on
 * a snapshot of what is registered at its start.
 */
@Component(service = AnalysisService.class)
public class AnalysisComponent implements AnalysisService {
    private final ModelFrameBuilder frames;
    private final List<RegisteredEstimator> estimators = new CopyOnWriteArrayList<>();
    private final List<RegisteredContributor> contributors = new CopyOnWriteArrayList<>();
    private final PerClusterOls perClusterOls;
    /** Progress stages reported besides the estimator's own ("fit") and the contributors' ("bootstrap"). */
    static final String STAGE_FRAME = "model frame";
    static final String STAGE_SECTIONS = "derived sections";

    @Activate
    public AnalysisComponent(@Reference(name = "frames") ModelFrameBuilder frames) {
        this.frames = frames;
        this.perClusterOls = new PerClusterOls(frames);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeEstimator")
    public void addEstimator(Estimator estimator, Map<String, Object> properties) {
        estimators.add(new RegisteredEstimator(estimator, properties));
    }

    public void removeEstimator(Estimator estimator) {
        estimators.removeIf(e -> e.estimator() == estimator);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeContributor")
    public void addContributor(ResultContributor contributor, Map<String, Object> properties) {
        contributors.add(new RegisteredContributor(contributor, properties));
    }

    public void removeContributor(ResultContributor contributor) {
        contributors.removeIf(c -> c.contributor() == contributor);
    }

    @Override
    public AnalysisResult fit(Dataset data, AnalysisRequest request) {
        return fit(data, request, TaskMonitor.NONE);
    }

    @Override
    public AnalysisResult fit(Dataset data, AnalysisRequest request, TaskMonitor monitor) {
        monitor.checkCancelled();
        RequestCheck.check(data, request.model());
        monitor.progress(STAGE_FRAME, 0, 1);
        DesignMatrices design = frames.build(data, request.model());
        monitor.progress(STAGE_FRAME, 1, 1);
        List<RegisteredContributor> current = new ArrayList<>(contributors);
        current.sort(Comparator.comparingInt(RegisteredContributor::ranking).reversed());
        // a request that cannot be honoured for this model is an error before the (possibly long) fit
        for (RegisteredContributor c : current) {
            try {
                c.contributor().checkRequest(design, request);
            } catch (MultilevelException e) {
                throw e;
            } catch (RuntimeException e) {
                // a faulty check must not cost the user the fit; the contributor's own failure is reported below
            }
        }
        FittedModel fitted = fitDesign(design, request.fit(), monitor);
        // each caveat once, in the order it arose
        java.util.Set<String> warnings = new java.util.LinkedHashSet<>(designWarnings(design));
        List<ResultSection> sections = new ArrayList<>();
        for (int i = 0; i < current.size(); i++) {
            RegisteredContributor c = current.get(i);
            monitor.checkCancelled();
            monitor.progress(STAGE_SECTIONS, i, current.size());
            try {
                List<ResultSection> added = c.contributor().contribute(fitted, data, request, monitor);
                if (added != null) sections.addAll(added);
            } catch (CancelledException | EstimatorStoppedException | WorkTooLargeException e) {
                // the analysis ends: cancelled, or asked for what cannot be done (an error, not a warning)
                throw e;
            } catch (MultilevelException e) {
                // the contributor's message says what could not be computed, for a researcher
                warnings.add(e.getMessage());
            } catch (RuntimeException e) {
                // a faulty contributor must not cost the user the fit itself
                warnings.add("one of the additional results (" + c.label() + ") could not be computed because of"
                        + " an internal error" + (e.getMessage() == null ? "" : ": " + e.getMessage())
                        + "; the fit itself is not affected");
            }
        }
        monitor.progress(STAGE_SECTIONS, current.size(), current.size());
        warnings.addAll(UnansweredOptions.warnings(request, fitted.result(), sections));
        return new AnalysisResult(request, AnnotatedFit.withWarnings(fitted, new ArrayList<>(warnings)), sections);
    }

    /**
     * The ICC and R² of each compared model, as the registered contributors compute them (the footer of the
     * side-by-side table); NaN where a contributor is absent or does not apply.
     */
    private Map<String, double[]> summaries(List<FittedModel> models, Dataset data, FitOptions fit) {
        Map<String, double[]> rows = new java.util.LinkedHashMap<>();
        String[][] wanted = {{"icc", "icc", "ICC"}, {"r2", "marginal", "R2 marginal"}, {"r2", "conditional", "R2 conditional"}};
        for (String[] w : wanted) rows.put(w[2], nans(models.size()));
        for (int m = 0; m < models.size(); m++) {
            FittedModel model = models.get(m);
            AnalysisRequest request = AnalysisRequest.of(model.design().spec(), fit);
            for (RegisteredContributor c : contributors) {
                List<ResultSection> added;
                try {
                    added = c.contributor().contribute(model, data, request);
                } catch (RuntimeException e) {
                    continue; // the footer stays empty for this model; the fit itself is reported above
                }
                if (added == null) continue;
                for (ResultSection section : added) {
                    if (!(section.json() instanceof Map<?, ?> json)) continue;
                    for (String[] w : wanted) {
                        if (section.key().equals(w[0]) && json.get(w[1]) instanceof Number value) {
                            rows.get(w[2])[m] = value.doubleValue();
                        }
                    }
                }
            }
        }
        rows.values().removeIf(values -> java.util.Arrays.stream(values).allMatch(Double::isNaN));
        return rows;
    }

    private static double[] nans(int n) {
        double[] values = new double[n];
        java.util.Arrays.fill(values, Double.NaN);
        return values;
    }

    @Override
    public Comparison compare(Dataset data, List<ModelSpec> models, FitOptions fit) {
        return compare(data, models, fit, TaskMonitor.NONE);
    }

    @Override
    public Comparison compare(Dataset data, List<ModelSpec> models, FitOptions fit, TaskMonitor monitor) {
        monitor.checkCancelled();
        if (models.size() < 2) throw new MultilevelException("compare needs at least two models, got " + models.size());
        List<DesignMatrices> designs = new ArrayList<>();
        for (ModelSpec spec : models) {
            RequestCheck.check(data, spec);
            designs.add(frames.build(data, spec));
        }
        ModelComparer.requireSameRows(designs);
        boolean sameFixed = true;
        for (DesignMatrices d : designs) sameFixed &= ModelComparer.sameFixedEffects(designs.get(0), d);
        List<String> notes = new ArrayList<>();
        for (DesignMatrices d : designs) {
            for (String w : d.frame().warnings()) {
                if (!notes.contains(w)) notes.add(w); // columns read as categorical, once for all the models
            }
        }
        List<FittedModel> primary = new ArrayList<>();
        for (DesignMatrices d : designs) primary.add(fitDesign(d, fit, monitor));
        List<FittedModel> forTests = primary;
        if (fit.method() == Method.REML && !sameFixed) {
            // REML likelihoods of models with different fixed effects are not comparable (lme4's anova refits)
            notes.add("the models differ in fixed effects, so they were refitted with ML for the likelihood-ratio "
                    + "tests (REML likelihoods are not comparable then)");
            forTests = new ArrayList<>();
            for (DesignMatrices d : designs) forTests.add(fitDesign(d, fit.withMethod(Method.ML), monitor));
        }
        List<ResultSection> sections = new ArrayList<>();
        // pseudo-R² from the fits with the method asked for (REML by default, as HLM and the reference report it)
        List<FittedModel> ordered = new ArrayList<>(primary);
        ordered.sort(Comparator.comparingInt(f -> f.result().npar()));
        sections.add(SideBySideSection.of(ordered, summaries(ordered, data, fit)));
        ResultSection pseudo = ModelComparer.pseudoR2(ordered);
        if (pseudo != null) sections.add(pseudo);
        return ModelComparer.compare(forTests, notes, sections);
    }

    @Override
    public List<ResultSection> olsByCluster(Dataset data, ModelSpec model, String cluster) {
        return perClusterOls.fit(data, model, cluster);
    }

    /** Chooses the estimator for this design and fits. */
    FittedModel fitDesign(DesignMatrices design, FitOptions options, TaskMonitor monitor) {
        Identifiability.check(design);
        monitor.checkCancelled();
        RegisteredEstimator chosen = EstimatorSelector.choose(new ArrayList<>(estimators), design, options);
        return chosen.estimator().fit(design, options, monitor);
    }

    /**
     * What the user must know about the model frame: columns read as categorical because of text among their
     * numbers, and columns dropped as collinear, as lme4 says it.
     */
    static List<String> designWarnings(DesignMatrices design) {
        List<String> warnings = new ArrayList<>(design.frame().warnings());
        List<String> dropped = design.fixed().dropped();
        if (dropped.isEmpty()) return warnings;
        for (String note : design.notes()) {
            if (dropped.stream().allMatch(note::contains)) {
                warnings.add(note);
                return warnings;
            }
        }
        warnings.add("fixed-effect model matrix is rank deficient so dropping " + dropped.size() + " column"
                + (dropped.size() == 1 ? "" : "s") + " / coefficient" + (dropped.size() == 1 ? "" : "s") + ": "
                + String.join(", ", dropped));
        return warnings;
    }
}
