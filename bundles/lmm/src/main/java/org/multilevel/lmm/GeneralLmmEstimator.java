package org.multilevel.lmm;

import java.util.Optional;
import org.multilevel.api.fit.EstimationException;
import org.multilevel.api.fit.Estimator;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.lmm.internal.LmmFitter;
import org.multilevel.lmm.internal.RandomStructure;
import org.multilevel.api.task.FitGuard;
import org.multilevel.api.task.TaskMonitor;
import org.multilevel.api.task.WorkLimits;
import org.multilevel.lmm.internal.FitCost;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Linear mixed models with any random-effects structure, crossed factors included: a sparse supernodal
 * Cholesky in a fill-reducing order, or (when its symbolic cost is lower) the factor with the most levels
 * eliminated per level and the rest in one dense block; see {@code GeneralEngine}.
 */
@Component(service = Estimator.class, configurationPid = GeneralLmmConfig.PID, property = {
        "multilevel.estimator=lmm-general",
        "multilevel.families=gaussian",
        "multilevel.methods=REML", "multilevel.methods=ML",
        "multilevel.structures=nested", "multilevel.structures=crossed",
        "service.ranking:Integer=0"})
@Designate(ocd = GeneralLmmConfig.class)
public final class GeneralLmmEstimator implements Estimator {
    public static final String NAME = "lmm-general";

    private final int maxEvaluations;

    /** With the default limits (tests, hosts that construct estimators themselves). */
    public GeneralLmmEstimator() {
        maxEvaluations = FitOptions.DEFAULT_MAX_EVALUATIONS;
    }

    /** The DS component, with the administrator's configuration when there is one. */
    @Activate
    public GeneralLmmEstimator(GeneralLmmConfig config) {
        maxEvaluations = Math.max(config.max_evaluations(), GeneralLmmConfig.MIN_EVALUATIONS);
    }

    /** Set when the component is deactivated: fits still running end with "the estimator was stopped". */
    private volatile boolean stopped;

    @Deactivate
    void stop() {
        stopped = true;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> unsupported(DesignMatrices design, FitOptions options) {
        Optional<String> common = LmmSupport.common(design, options);
        if (common.isPresent()) return common;
        return Optional.empty();
    }

    @Override
    public FittedModel fit(DesignMatrices design, FitOptions options) {
        return fit(design, options, TaskMonitor.NONE);
    }

    @Override
    public FittedModel fit(DesignMatrices design, FitOptions options, TaskMonitor monitor) {
        FitGuard guard = new FitGuard(monitor, () -> stopped, "fit");
        guard.check();
        Optional<String> why = unsupported(design, options);
        if (why.isPresent()) throw new EstimationException(why.get());
        RandomStructure s = RandomStructure.of(design);
        FitCost.of(s, design.rows(), design.fixed().columns(), LmmFitter.Strategy.GENERAL).require(WorkLimits.current());
        return LmmFitter.fit(design, options.withDefaultMaxEvaluations(maxEvaluations), LmmFitter.Strategy.GENERAL, NAME, s, guard);
    }
}
