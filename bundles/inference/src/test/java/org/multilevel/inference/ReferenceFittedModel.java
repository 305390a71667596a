package org.multilevel.inference;

import java.util.List;
import java.util.Map;
import org.multilevel.api.fit.ContrastTest;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.EstimationException;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.FixedEffect;
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
    private final List<double[][]> covariances;
    private final double sigma2;
    private KenwardRoger kr;
    private final FitResult result;

    ReferenceFittedModel(DesignMatrices design, List<double[][]> covariances, double sigma2, double[] beta) {
        this(design, covariances, sigma2, beta, true);
    }

    /** Without standard errors in the result (cheaper, for many refits); tests still compute them on demand. */
    ReferenceFittedModel(DesignMatrices design, List<double[][]> covariances, double sigma2, double[] beta,
                         boolean standardErrors) {
        this.design = design;
        this.beta = beta.clone();
        this.covariances = List.copyOf(covariances);
        this.sigma2 = sigma2;
        List<VarianceComponent> random = new java.util.ArrayList<>();
        for (int k = 0; k < covariances.size(); k++) {
            RandomTerm t = design.random().get(k);
            random.add(new VarianceComponent(t.group(), t.effectNames(), covariances.get(k)));
        }
        // the estimates only (no likelihood): what contributors read
        List<FixedEffect> fixed = new java.util.ArrayList<>();
        double[][] phi = standardErrors ? kr().covariance() : null;
        for (int j = 0; j < beta.length; j++) {
            double se = phi != null ? Math.sqrt(phi[j][j]) : Double.NaN;
            fixed.add(new FixedEffect(design.fixed().columnNames().get(j), beta[j], se, null, beta[j] / se, Double.NaN,
                    Double.NaN, Double.NaN));
        }
        this.result = new FitResult(design.spec().formula(), "gaussian", "identity", "REML", "reference", "Kenward-Roger",
                design.rows(), Map.of(), true, false, List.of(), fixed, random, sigma2, Double.NaN, 0,
                Double.NaN, Double.NaN, Double.NaN, null, Map.of(), null);
    }

    private synchronized KenwardRoger kr() {
        if (kr == null) kr = KenwardRoger.prepare(design, covariances, sigma2);
        return kr;
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
        return kr().covariance();
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
                return kr().test(beta, contrast);
            case BETWEEN_WITHIN:
                return BetweenWithin.of(design).test(beta, kr().covariance(), contrast);
            case NONE:
                return WaldTest.test(beta, kr().covariance(), contrast, Double.POSITIVE_INFINITY);
            default:
                throw new EstimationException(ddf.label() + " df are not available in this test model");
        }
    }
}
