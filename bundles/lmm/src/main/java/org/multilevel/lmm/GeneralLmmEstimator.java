package org.multilevel.lmm;

import java.util.Optional;
import org.multilevel.api.fit.EstimationException;
import org.multilevel.api.fit.Estimator;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.lmm.internal.LmmFitter;
import org.multilevel.lmm.internal.RandomStructure;
import org.osgi.service.component.annotations.Component;

/**
 * Linear mixed models with any random-effects structure, crossed factors included: a sparse supernodal
 * Cholesky in a fill-reducing order, or (when its symbolic cost is lower) the factor with the most levels
 * eliminated per level and the rest in one dense block; see {@code GeneralEngine}.
 */
@Component(service = Estimator.class, property = {
        "multilevel.estimator=lmm-general",
        "multilevel.families=gaussian",
        "multilevel.methods=REML", "multilevel.methods=ML",
        "multilevel.structures=nested", "multilevel.structures=crossed",
        "service.ranking:Integer=0"})
public final class GeneralLmmEstimator implements Estimator {
    public static final String NAME = "lmm-general";

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
        Optional<String> why = unsupported(design, options);
        if (why.isPresent()) throw new EstimationException(why.get());
        return LmmFitter.fit(design, options, LmmFitter.Strategy.GENERAL, NAME, RandomStructure.of(design));
    }
}
