package org.multilevel.glmm.internal;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.multilevel.api.fit.ContrastTest;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.EstimationException;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.model.DesignMatrices;

/** A fitted GLMM: asymptotic (z, Wald chi-square) inference whatever df method is asked, as GLMMs have no df. */
record GlmmFittedModel(FitResult result, DesignMatrices design, double[] betaValues, double[][] covariance,
                       double[] fixedEta, double[] conditionalEta) implements FittedModel {

    @Override
    public double[] beta() {
        return betaValues.clone();
    }

    @Override
    public double[][] fixedCovariance() {
        double[][] c = new double[covariance.length][];
        for (int i = 0; i < c.length; i++) c[i] = covariance[i].clone();
        return c;
    }

    @Override
    public double[] fixedPrediction() {
        return fixedEta.clone();
    }

    @Override
    public double[] conditionalPrediction() {
        return conditionalEta.clone();
    }

    @Override
    public ContrastTest test(double[][] contrast, DdfMethod ddf) {
        int p = betaValues.length;
        int m = contrast.length;
        if (m == 0) throw new EstimationException("The contrast has no rows.");
        for (double[] row : contrast) {
            if (row.length != p) throw new EstimationException("A contrast row has " + row.length + " entries but the model has " + p + " fixed effects.");
        }
        double[] est = new double[m];
        double[][] v = new double[m][m];
        for (int a = 0; a < m; a++) {
            for (int j = 0; j < p; j++) est[a] += contrast[a][j] * betaValues[j];
            for (int b = 0; b < m; b++) {
                double s = 0;
                for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) s += contrast[a][i] * covariance[i][j] * contrast[b][j];
                v[a][b] = s;
            }
        }
        if (m == 1) {
            double se = Math.sqrt(v[0][0]);
            double z = est[0] / se;
            double pv = 2 * new NormalDistribution(null, 0, 1).cumulativeProbability(-Math.abs(z));
            return new ContrastTest(est[0], se, 1, Double.POSITIVE_INFINITY, z, pv);
        }
        double[][] inv = GlmmFitter.invert(v);
        if (inv == null) throw new EstimationException("The contrast rows are linearly dependent (or estimate nothing); remove redundant rows.");
        double w = 0;
        for (int a = 0; a < m; a++) for (int b = 0; b < m; b++) w += est[a] * inv[a][b] * est[b];
        double pv = new ChiSquaredDistribution(null, m).cumulativeProbability(w);
        return new ContrastTest(Double.NaN, Double.NaN, m, Double.POSITIVE_INFINITY, w / m, 1 - pv);
    }
}
