package org.multilevel.lmm.internal;

import org.multilevel.api.fit.ContrastTest;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.EstimationException;
import org.multilevel.api.fit.FittedModel;

/** Kenward-Roger and between-within tests come from the inference bundle. */
final class InferenceBridge {
    private InferenceBridge() {
    }

    static ContrastTest test(FittedModel fit, double[][] contrast, DdfMethod ddf) {
        throw new EstimationException(ddf.label() + " df are not available in this build");
    }
}
