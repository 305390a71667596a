package org.multilevel.lmm.internal;

import org.multilevel.api.fit.ContrastTest;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.EstimationException;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.model.DesignMatrices;

/** A fitted linear mixed model. Immutable; the Satterthwaite machinery is built once, on first use. */
public final class LinearMixedFit implements FittedModel {
    private final DesignMatrices design;
    private final double[] beta;
    private final double[] vcov;
    private final double[] theta;
    private final double sigma;
    private final ProfiledDeviance deviance;
    private final Internal internal;
    private final java.util.function.Supplier<double[]> conditionalSource;
    private double[] conditional;
    private final FitResult result;
    private final RandomStructure structure;
    private Satterthwaite satterthwaite;
    private org.multilevel.inference.KenwardRoger kenwardRoger;

    /**
     * The fit on the internal (centred and scaled) columns, where Satterthwaite's numerical derivatives are
     * well conditioned: beta = fixedMap beta~, so a contrast L of beta is the contrast L fixedMap of beta~.
     */
    record Internal(ProfiledDeviance deviance, double[] theta, double[] beta, double[] vcov, double[] fixedMap,
                    org.multilevel.api.task.FitGuard guard) {
    }

    LinearMixedFit(DesignMatrices design, double[] beta, double[] vcov, double[] theta, double sigma,
                   ProfiledDeviance deviance, Internal internal, java.util.function.Supplier<double[]> conditional,
                   java.util.function.Function<LinearMixedFit, FitResult> result) {
        this.structure = deviance.structure();
        this.design = design;
        this.beta = beta;
        this.vcov = vcov;
        this.theta = theta;
        this.sigma = sigma;
        this.deviance = deviance;
        this.internal = internal;
        this.conditionalSource = conditional;
        // the result is built last: its fixed table calls test() on this object
        this.result = result.apply(this);
    }

    @Override
    public FitResult result() {
        return result;
    }

    RandomStructure structure() {
        return structure;
    }

    ProfiledDeviance deviance() {
        return deviance;
    }

    String method() {
        return deviance.reml() ? "REML" : "ML";
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
        int p = beta.length;
        double[][] out = new double[p][p];
        for (int i = 0; i < p; i++) System.arraycopy(vcov, i * p, out[i], 0, p);
        return out;
    }

    /** The covariance parameters theta in lme4's order (relative covariance factors, column-major). */
    public double[] theta() {
        return theta.clone();
    }

    public double sigma() {
        return sigma;
    }

    @Override
    public double[] fixedPrediction() {
        int p = beta.length;
        int n = design.rows();
        double[] x = design.fixed().values();
        double[] out = new double[n];
        double[] off = design.offset();
        for (int i = 0; i < n; i++) {
            double s = off == null ? 0 : off[i];
            for (int j = 0; j < p; j++) s += x[i * p + j] * beta[j];
            out[i] = s;
        }
        return out;
    }

    @Override
    public double[] conditionalPrediction() {
        synchronized (this) {
            if (conditional == null) conditional = conditionalSource.get();
        }
        return conditional.clone();
    }

    /** The fit's guard (cancellation, a stopped estimator) for the inference computed after the optimum. */
    Runnable cancellationCheck() {
        return internal.guard()::check;
    }

    synchronized org.multilevel.inference.KenwardRoger kenwardRoger() {
        if (kenwardRoger == null) kenwardRoger = InferenceBridge.kenwardRoger(this);
        return kenwardRoger;
    }

    synchronized Satterthwaite satterthwaite() {
        if (satterthwaite == null) {
            satterthwaite = new Satterthwaite(internal.deviance(), internal.theta(), sigma, internal.beta(),
                    internal.vcov(), internal.guard()::check);
        }
        return satterthwaite;
    }

    /** L M: the contrast of beta~ that equals the contrast L of beta. */
    private double[][] internalContrast(double[][] l) {
        int p = beta.length;
        double[] m = internal.fixedMap();
        double[][] out = new double[l.length][p];
        for (int r = 0; r < l.length; r++)
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int i = 0; i < p; i++) s += l[r][i] * m[i * p + j];
                out[r][j] = s;
            }
        return out;
    }

    @Override
    public ContrastTest test(double[][] contrast, DdfMethod ddf) {
        int p = beta.length;
        if (contrast.length == 0) throw new EstimationException("the contrast matrix has no rows");
        for (double[] row : contrast) {
            if (row.length != p) {
                throw new EstimationException("each contrast row needs " + p + " entries, one per fixed effect; got "
                        + row.length);
            }
        }
        return switch (ddf) {
            case SATTERTHWAITE -> satterthwaite().test(internalContrast(contrast));
            case RESIDUAL -> Wald.test(contrast, beta, vcov, design.rows() - p);
            case NONE -> Wald.test(contrast, beta, vcov, Double.POSITIVE_INFINITY);
            case KENWARD_ROGER -> kenwardRoger().test(beta, contrast);
            case BETWEEN_WITHIN -> InferenceBridge.betweenWithin(this, contrast);
        };
    }

    /** The test of each coefficient on its own, for the fixed table. */
    ContrastTest[] coefficientTests(DdfMethod ddf) {
        int p = beta.length;
        ContrastTest[] out = new ContrastTest[p];
        for (int j = 0; j < p; j++) {
            double[] l = new double[p];
            l[j] = 1;
            out[j] = test(new double[][] {l}, ddf);
        }
        return out;
    }
}
