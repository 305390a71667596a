package org.multilevel.report.internal;

import java.util.Arrays;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.Link;

/**
 * Level-1 residuals as lme4's summary shows them: (y - fitted) / sigma for linear models, Pearson residuals
 * for generalized ones, both conditional on the random effects.
 */
public final class Residuals {
    static final org.apache.commons.math3.distribution.NormalDistribution STANDARD_NORMAL =
            new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1);

    private Residuals() {
    }

    /** Fitted values on the response scale (conditional on the modes). */
    public static double[] fittedResponse(FittedModel model) {
        double[] eta = model.conditionalPrediction();
        Link link = link(model.result());
        double[] mu = new double[eta.length];
        for (int i = 0; i < eta.length; i++) mu[i] = inverseLink(link, eta[i]);
        return mu;
    }

    /** Scaled (gaussian) or Pearson (binomial, poisson) conditional residuals, one per model row. */
    public static double[] scaled(FittedModel model) {
        FitResult fit = model.result();
        DesignMatrices design = model.design();
        double[] y = design.y();
        double[] mu = fittedResponse(model);
        double[] out = new double[y.length];
        String family = fit.family() == null ? "gaussian" : fit.family();
        double sigma = fit.sigma2() == null ? 1.0 : Math.sqrt(fit.sigma2());
        for (int i = 0; i < y.length; i++) {
            double variance = switch (family) {
                case "binomial" -> mu[i] * (1 - mu[i]) / (design.weights() == null ? 1.0 : design.weights()[i]);
                case "poisson" -> mu[i];
                default -> sigma * sigma;
            };
            out[i] = (y[i] - mu[i]) / Math.sqrt(variance);
        }
        return out;
    }

    /** Quantiles as R's default (type 7) computes them. */
    public static double[] quantiles(double[] values, double... probabilities) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] out = new double[probabilities.length];
        int n = sorted.length;
        for (int k = 0; k < probabilities.length; k++) {
            if (n == 0) {
                out[k] = Double.NaN;
                continue;
            }
            double h = (n - 1) * probabilities[k];
            int lo = (int) Math.floor(h);
            int hi = Math.min(n - 1, lo + 1);
            out[k] = sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
        }
        return out;
    }

    static Link link(FitResult fit) {
        if (fit.link() != null) {
            try {
                return Link.parse(fit.link());
            } catch (IllegalArgumentException unknown) {
                return Link.IDENTITY;
            }
        }
        return Link.IDENTITY;
    }

    public static double inverseLink(Link link, double eta) {
        return switch (link) {
            case IDENTITY -> eta;
            case LOGIT -> 1 / (1 + Math.exp(-eta));
            case PROBIT -> STANDARD_NORMAL.cumulativeProbability(eta);
            case CLOGLOG -> 1 - Math.exp(-Math.exp(eta));
            case LOG -> Math.exp(eta);
        };
    }
}
