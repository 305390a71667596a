package org.multilevel.lmm.internal;

import java.util.ArrayList;
import java.util.List;
import org.multilevel.api.fit.ContrastTest;
import org.multilevel.api.fit.EstimationException;
import org.multilevel.api.fit.Method;
import org.multilevel.inference.BetweenWithin;
import org.multilevel.inference.KenwardRoger;

/** Kenward-Roger and between-within tests come from the inference bundle. */
final class InferenceBridge {
    private InferenceBridge() {
    }

    static KenwardRoger kenwardRoger(LinearMixedFit fit) {
        if (!Method.REML.label().equals(fit.method())) {
            throw new EstimationException("Kenward-Roger df need a REML fit; refit the model with method REML");
        }
        int terms = fit.design().random().size();
        List<double[][]> cov = new ArrayList<>(terms);
        for (int i = 0; i < terms; i++) cov.add(null);
        for (RandomStructure.Term t : fit.structure().terms()) {
            double[][] c = fit.structure().relativeCovariance(t, fit.theta());
            double s2 = fit.sigma() * fit.sigma();
            for (double[] row : c) for (int j = 0; j < row.length; j++) row[j] *= s2;
            cov.set(t.designIndex(), c);
        }
        return KenwardRoger.prepare(fit.design(), cov, fit.sigma() * fit.sigma(), KenwardRoger.Path.AUTO,
                fit.cancellationCheck());
    }

    static ContrastTest betweenWithin(LinearMixedFit fit, double[][] contrast) {
        return BetweenWithin.of(fit.design()).test(fit.beta(), fit.fixedCovariance(), contrast);
    }
}
