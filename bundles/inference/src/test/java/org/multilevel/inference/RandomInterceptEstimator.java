package org.multilevel.inference;

import java.util.List;
import java.util.Optional;
import org.multilevel.api.fit.Estimator;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.model.DesignMatrices;

/** A small real REML estimator for models with one random intercept (test support for refitting consumers). */
final class RandomInterceptEstimator implements Estimator {
    @Override
    public String name() {
        return "reference";
    }

    @Override
    public Optional<String> unsupported(DesignMatrices design, FitOptions options) {
        return design.random().size() == 1 && design.random().get(0).effects() == 1 ? Optional.empty()
                : Optional.of("only one random intercept");
    }

    @Override
    public FittedModel fit(DesignMatrices design, FitOptions options) {
        RandomInterceptReml f = new RandomInterceptReml(design);
        return new ReferenceFittedModel(design, List.<double[][]>of(new double[][] {{f.theta * f.sigma2}}), f.sigma2,
                f.beta, false);
    }
}
