package org.multilevel.report;

import org.multilevel.api.fit.ContrastTest;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.EstimationException;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.model.DesignMatrices;

/**
 * A fitted model held as plain values (test code only, until the estimator bundles are installed): the
 * reference fit's numbers with the real data's design matrices.
 */
record TestModel(FitResult result, DesignMatrices design, double[] beta, double[][] fixedCovariance,
                 double[] fixedPrediction, double[] conditionalPrediction) implements FittedModel {
    @Override
    public ContrastTest test(double[][] contrast, DdfMethod ddf) {
        throw new EstimationException("this test model offers no contrast tests");
    }
}
