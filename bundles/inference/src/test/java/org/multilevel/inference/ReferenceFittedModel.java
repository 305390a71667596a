package org.multilevel.inference;

import java.util.List;
import org.multilevel.api.fit.ContrastTest;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.EstimationException;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.model.DesignMatrices;

/**
 * A fitted model made of R's REML estimates (reference JSON) and this bundle's Kenward-Roger and
 * between-within computations, for testing consumers of {@link FittedModel#test} without the lmm bundle.
 * It has no result document.
 */
final class ReferenceFittedModel implements FittedModel {
    private final DesignMatrices design;
    private final double[] beta;
    private final KenwardRoger kr;

    ReferenceFittedModel(DesignMatrices design, List<double[][]> covariances, double sigma2, double[] beta) {
        this.design = design;
        this.beta = beta.clone();
        this.kr = KenwardRoger.prepare(design, covariances, sigma2);
    }

    @Override
    public FitResult result() {
        throw new EstimationException("this test model has no result document");
    }

    @Override
    public DesignMatrices design() {
        return design;
    }

    @Override
    public double[] beta() {
        return beta.clone();
    }

    @Override
    public double[][] fixedCovariance() {
        return kr.covariance();
    }

    @Override
    public double[] fixedPrediction() {
        int n = design.rows();
        int p = beta.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) for (int j = 0; j < p; j++) out[i] += design.fixed().get(i, j) * beta[j];
        return out;
    }

    @Override
    public double[] conditionalPrediction() {
        throw new EstimationException("this test model has no conditional modes");
    }

    @Override
    public ContrastTest test(double[][] contrast, DdfMethod ddf) {
        switch (ddf) {
            case KENWARD_ROGER:
                return kr.test(beta, contrast);
            case BETWEEN_WITHIN:
                return BetweenWithin.of(design).test(beta, kr.covariance(), contrast);
            case NONE:
                return WaldTest.test(beta, kr.covariance(), contrast, Double.POSITIVE_INFINITY);
            default:
                throw new EstimationException(ddf.label() + " df are not available in this test model");
        }
    }
}
