package org.multilevel.inference;

import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.RandomTerm;

/**
 * Test helper: REML estimates of a model with one random intercept (V_j = sigma2 (I + theta J)), by the
 * profiled REML criterion over theta = tau2 / sigma2 (closed-form per-cluster inverse and determinant). Lets
 * the anova tests get R-equivalent REML estimates without the lmm bundle.
 */
final class RandomInterceptReml {
    final double theta;
    final double sigma2;
    final double[] beta;

    RandomInterceptReml(DesignMatrices d) {
        UnivariatePointValuePair best = new BrentOptimizer(1e-12, 1e-14).optimize(new MaxEval(500),
                new UnivariateObjectiveFunction(lt -> criterion(d, Math.exp(lt))[0]), GoalType.MINIMIZE,
                new SearchInterval(-15, 8));
        theta = Math.exp(best.getPoint());
        double[] r = criterion(d, theta);
        sigma2 = r[1];
        beta = new double[r.length - 2];
        System.arraycopy(r, 2, beta, 0, beta.length);
    }

    /** [criterion, sigma2, beta...] at theta. */
    static double[] criterion(DesignMatrices d, double theta) {
        RandomTerm t = d.random().get(0);
        int n = d.rows();
        int p = d.fixed().columns();
        int m = t.levelCount();
        double[] size = new double[m];
        double[][] sx = new double[m][p];
        double[] sy = new double[m];
        DMatrixRMaj xx = new DMatrixRMaj(p, p);
        double[] xy = new double[p];
        double yy = 0;
        for (int i = 0; i < n; i++) {
            int l = t.levelOfRow()[i];
            size[l]++;
            double y = d.y()[i];
            sy[l] += y;
            yy += y * y;
            for (int a = 0; a < p; a++) {
                double xa = d.fixed().get(i, a);
                sx[l][a] += xa;
                xy[a] += xa * y;
                for (int b = 0; b < p; b++) xx.data[a * p + b] += xa * d.fixed().get(i, b);
            }
        }
        double logDetV = 0;
        double yVy = yy;
        for (int l = 0; l < m; l++) {
            double c = theta / (1 + size[l] * theta);
            logDetV += Math.log(1 + size[l] * theta);
            for (int a = 0; a < p; a++) {
                xy[a] -= c * sx[l][a] * sy[l];
                for (int b = 0; b < p; b++) xx.data[a * p + b] -= c * sx[l][a] * sx[l][b];
            }
            yVy -= c * sy[l] * sy[l];
        }
        DMatrixRMaj beta = new DMatrixRMaj(p, 1);
        CommonOps_DDRM.solve(xx, DMatrixRMaj.wrap(p, 1, xy.clone()), beta);
        double rss = yVy;
        for (int a = 0; a < p; a++) rss -= beta.get(a) * xy[a];
        double s2 = rss / (n - p);
        double crit = (n - p) * Math.log(s2) + logDetV + Math.log(CommonOps_DDRM.det(xx));
        double[] out = new double[p + 2];
        out[0] = crit;
        out[1] = s2;
        for (int a = 0; a < p; a++) out[a + 2] = beta.get(a);
        return out;
    }
}
