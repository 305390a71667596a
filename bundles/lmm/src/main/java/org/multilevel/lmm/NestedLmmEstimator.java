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
 * Linear mixed models whose grouping factors are nested (a single factor included): the blocked Cholesky
 * works per cluster with no fill-in, so a deviance evaluation costs nothing per row.
 */
@Component(service = Estimator.class, configurationPid = NestedLmmConfig.PID, property = {
        "multilevel.estimator=lmm-nested",
        "multilevel.families=gaussian",
        "multilevel.methods=REML", "multilevel.methods=ML",
        "multilevel.structures=nested",
        "service.ranking:Integer=10"})
@Designate(ocd = NestedLmmConfig.class)
public final class NestedLmmEstimator implements Estimator {
    public static final String NAME = "lmm-nested";

    private final int maxEvaluations;

    /** With the default limits (tests, hosts that construct estimators themselves). */
    public NestedLmmEstimator() {
        maxEvaluations = FitOptions.DEFAULT_MAX_EVALUATIONS;
    }

    /** The DS component, with the administrator's configuration when there is one. */
    @Activate
    public NestedLmmEstimator(NestedLmmConfig config) {
        maxEvaluations = Math.max(config.max_evaluations(), NestedLmmConfig.MIN_EVALUATIONS);
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
        RandomStructure s = LmmSupport.structureOrNull(design);
        return s == null ? Optional.empty() : crossed(s);
    }

    private static Optional<String> crossed(RandomStructure s) {
        if (s.isNested()) return Optional.empty();
        StringBuilder sb = new StringBuilder();
        for (RandomStructure.Factor x : s.factors()) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(x.name());
        }
        return Optional.of("the grouping factors are crossed, not nested (" + sb
                + "): a level of one factor occurs in several levels of a coarser one; use the general estimator");
    }

    @Override
    public FittedModel fit(DesignMatrices design, FitOptions options) {
        return fit(design, options, TaskMonitor.NONE);
    }

    @Override
    public FittedModel fit(DesignMatrices design, FitOptions options, TaskMonitor monitor) {
        FitGuard guard = new FitGuard(monitor, () -> stopped, "fit");
        guard.check();
        Optional<String> why = LmmSupport.common(design, options);
        if (why.isPresent()) throw new EstimationException(why.get());
        RandomStructure s = RandomStructure.of(design);
        why = crossed(s);
        if (why.isPresent()) throw new EstimationException(why.get());
        FitCost.of(s, design.rows(), design.fixed().columns(), LmmFitter.Strategy.NESTED).require(WorkLimits.current());
        return LmmFitter.fit(design, options.withDefaultMaxEvaluations(maxEvaluations), LmmFitter.Strategy.NESTED, NAME, s, guard);
    }
}
