package org.multilevel.inference;

import java.util.List;
import java.util.Map;
import org.multilevel.api.fit.ContrastTest;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.EstimationException;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.VarianceComponent;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.RandomTerm;

/**
 * A fitted model made of R's REML estimates (reference JSON) and this bundle's Kenward-Roger and
 * between-within computations, for testing consumers of {@link FittedModel#test} without the lmm bundle.
 * Its result document holds only the variance estimates.
 */
final class ReferenceFittedModel implements FittedModel {
    private final DesignMatrices design;
    private final double[] beta;
    private final KenwardRoger kr;
    private final FitResult result;

    ReferenceFittedModel(DesignMatrices design, List<double[][]> covariances, double sigma2, double[] beta) {
        this.design = design;
        this.beta = beta.clone();
        this.kr = KenwardRoger.prepare(design, covariances, sigma2);
        List<VarianceComponent> random = new java.util.ArrayList<>();
        for (int k = 0; k < covariances.size(); k++) {
            RandomTerm t = design.random().get(k);
            random.add(new VarianceComponent(t.group(), t.effectNames(), covariances.get(k)));
        }
        // only the parts a contributor reads are filled in: the variance estimates
        this.result = new FitResult(design.spec().formula(), "gaussian", "identity", "REML", "reference", "Kenward-Roger",
                design.rows(), Map.of(), true, false, List.of(), List.of(), random, sigma2, Double.NaN, 0,
                Double.NaN, Double.NaN, Double.NaN, null, Map.of(), null);
    }

    @Override
    public FitResult result() {
        return result;
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
