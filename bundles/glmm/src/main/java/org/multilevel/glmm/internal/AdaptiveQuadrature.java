package org.multilevel.glmm.internal;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Adaptive Gauss-Hermite quadrature of the likelihood of a model with one scalar random effect: per level, the
 * integral over u is centred at the conditional mode and scaled by the conditional SD from PIRLS.
 */
final class AdaptiveQuadrature {
    private final PenalizedSystem system;
    private final double[] nodes;
    /** Gauss-Hermite weights times exp(x²), for the integrand exp(-D/2) */
    private final double[] scaledWeights;
    private final int[] levelStart;
    private final int[] rowsByLevel;

    AdaptiveQuadrature(PenalizedSystem system, int points) {
        this.system = system;
        GaussIntegrator gh = new GaussIntegratorFactory().hermite(points);
        nodes = new double[points];
        scaledWeights = new double[points];
        for (int k = 0; k < points; k++) {
            nodes[k] = gh.getPoint(k);
            scaledWeights[k] = gh.getWeight(k) * Math.exp(nodes[k] * nodes[k]);
        }
        int l0 = system.l0;
        int n = system.n;
        int[] lev = system.data.level[0];
        levelStart = new int[l0 + 1];
        for (int i = 0; i < n; i++) levelStart[lev[i] + 1]++;
        for (int j = 0; j < l0; j++) levelStart[j + 1] += levelStart[j];
        int[] fill = levelStart.clone();
        rowsByLevel = new int[n];
        for (int i = 0; i < n; i++) rowsByLevel[fill[lev[i]]++] = i;
    }

    /**
     * -2 log-likelihood kernel by quadrature at (θ, β), after PIRLS has set the modes and the factorization
     * (the mean-free normalizing constants excluded, as in the Laplace kernel).
     */
    double deviance(double[] beta) {
        ModelData d = system.data;
        GlmFamily fam = d.family;
        double[] zt = system.zLambda(0);
        int p = d.p;
        double total = 0;
        for (int j = 0; j < system.l0; j++) {
            double uHat = system.u[j];
            double precision = system.firstBlockPrecision(j);
            double sd = 1 / Math.sqrt(precision);
            double dHat = levelDeviance(j, uHat, beta, zt, fam, d, p);
            double sum = 0;
            for (int k = 0; k < nodes.length; k++) {
                double uk = uHat + Math.sqrt(2) * sd * nodes[k];
                double dk = levelDeviance(j, uk, beta, zt, fam, d, p);
                sum += scaledWeights[k] * Math.exp(-0.5 * (dk - dHat));
            }
            total += dHat + Math.log(Math.PI) + Math.log(precision) - 2 * Math.log(sum);
        }
        return total;
    }

    private double levelDeviance(int j, double uj, double[] beta, double[] zt, GlmFamily fam, ModelData d, int p) {
        double s = uj * uj;
        for (int a = levelStart[j]; a < levelStart[j + 1]; a++) {
            int i = rowsByLevel[a];
            double eta = d.offset[i] + zt[i] * uj;
            for (int c = 0; c < p; c++) eta += d.x[i * p + c] * beta[c];
            s += fam.kernelAt(d.y[i], d.w[i], eta);
        }
        return s;
    }
}
