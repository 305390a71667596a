package org.multilevel.lmm;

import java.util.Optional;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.Link;
import org.multilevel.lmm.internal.RandomStructure;

/** What both linear mixed model estimators can and cannot fit. */
final class LmmSupport {
    private LmmSupport() {
    }

    static Optional<String> common(DesignMatrices design, FitOptions options) {
        if (design.spec().family() != Family.GAUSSIAN) {
            return Optional.of("linear mixed models fit the gaussian family only, not " + design.spec().family().rName());
        }
        if (design.spec().link() != Link.IDENTITY) {
            return Optional.of("linear mixed models use the identity link; a gaussian model with another link "
                    + "is not supported");
        }
        if (options.method() != Method.REML && options.method() != Method.ML) {
            return Optional.of("linear mixed models are fitted by REML or ML, not " + options.method().label());
        }
        if (design.weights() != null) {
            return Optional.of("prior weights are not supported by the linear mixed model estimators");
        }
        if (design.random().isEmpty()) {
            return Optional.of("the model has no random-effects term; use OLS");
        }
        return Optional.empty();
    }

    /** The structure, or null when the design is invalid (fit then reports why). */
    static RandomStructure structureOrNull(DesignMatrices design) {
        try {
            return RandomStructure.of(design);
        } catch (MultilevelException e) {
            return null;
        }
    }
}
