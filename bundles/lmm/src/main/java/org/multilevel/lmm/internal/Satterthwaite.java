package org.multilevel.lmm.internal;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.multilevel.api.fit.ContrastTest;

/**
 * Satterthwaite's denominator df as lmerTest computes them: the variance parameters are varpar =
 * (theta, sigma); their asymptotic covariance is A = 2 H^-1 with H the numerical Hessian of the deviance in
 * varpar; the Jacobian of Var(beta)(varpar) is taken numerically; for a contrast l, nu = 2 (l'Cl)^2 / (g'Ag)
 * with g_k = l' dC/dvarpar_k l. Multi-row contrasts use lmerTest's eigen decomposition of L C L'.
 */
public final class Satterthwaite {
    private final int p;
    private final double[] beta;
    private final double[] vcov;       // p x p
    private final double[][] jac;      // per varpar: p x p
    private final double[][] a;        // covariance of varpar

    /**
     * @param check run before each factorization (cancellation and a stopped estimator end the analysis here too:
     *              on a large crossed model these factorizations take longer than the fit)
     */
    public Satterthwaite(ProfiledDeviance dev, double[] theta, double sigma, double[] beta, double[] vcov,
                         Runnable check) {
        this.p = beta.length;
        this.beta = beta;
        this.vcov = vcov;
        int nt = theta.length;
        double[] varpar = new double[nt + 1];
        System.arraycopy(theta, 0, varpar, 0, nt);
        varpar[nt] = sigma;
        // the deviance depends on theta only through (log|L|^2, r^2, log|R_X|^2): steps in sigma alone, and the
        // pairs of steps that differ only in sigma, reuse one factorization (a large crossed model's costs)
        java.util.Map<java.util.List<Double>, double[]> atTheta = new java.util.HashMap<>();
        double[][] h = Richardson.hessian(v -> {
            double[] th = java.util.Arrays.copyOf(v, nt);
            double[] q = atTheta.computeIfAbsent(key(th), k -> {
                check.run();
                Factorization f = dev.factor(th);
                return f == null ? null : new double[] {f.ldL2(), f.r2(), f.ldRX2()};
            });
            return q == null ? Double.NaN : dev.varparDeviance(q[0], q[1], q[2], v[nt]);
        }, varpar, 0.1);
        this.a = covariance(h);
        java.util.Map<java.util.List<Double>, double[]> rxInverse = new java.util.HashMap<>();
        this.jac = Richardson.jacobian(v -> {
            double[] th = java.util.Arrays.copyOf(v, nt);
            double[] inv = rxInverse.computeIfAbsent(key(th), k -> {
                check.run();
                return dev.factor(th).rxInverse();
            }).clone();
            double s2 = v[nt] * v[nt];
            for (int i = 0; i < inv.length; i++) inv[i] *= s2;
            return inv;
        }, varpar, 1e-4);
    }

    private static java.util.List<Double> key(double[] theta) {
        java.util.List<Double> k = new java.util.ArrayList<>(theta.length);
        for (double t : theta) k.add(t);
        return k;
    }

    private static double[][] covariance(double[][] h) {
        int k = h.length;
        DMatrixRMaj m = new DMatrixRMaj(h);
        DMatrixRMaj inv = new DMatrixRMaj(k, k);
        if (!CommonOps_DDRM.invert(m, inv)) {
            CommonOps_DDRM.pinv(new DMatrixRMaj(h), inv);
        }
        double[][] out = new double[k][k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) out[i][j] = 2 * inv.get(i, j);
        return out;
    }

    private double qform(double[] l, double[] mat) {
        double s = 0;
        for (int i = 0; i < p; i++) {
            if (l[i] == 0.0) continue;
            for (int j = 0; j < p; j++) s += l[i] * mat[i * p + j] * l[j];
        }
        return s;
    }

    /** Satterthwaite df of l'beta. */
    public double df(double[] l) {
        double var = qform(l, vcov);
        return dfFor(l, var);
    }

    private double dfFor(double[] l, double var) {
        int k = jac.length;
        double[] g = new double[k];
        for (int i = 0; i < k; i++) g[i] = qform(l, jac[i]);
        double den = 0;
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) den += g[i] * a[i][j] * g[j];
        return 2 * var * var / den;
    }

    /** t test (one row) or F test (several rows) of L beta = 0. */
    public ContrastTest test(double[][] l) {
        if (l.length == 1) {
            double est = 0;
            for (int j = 0; j < p; j++) est += l[0][j] * beta[j];
            double se = Math.sqrt(qform(l[0], vcov));
            double df = df(l[0]);
            double t = est / se;
            double pv = Distributions.tTwoSided(t, df);
            return new ContrastTest(est, se, 1, df, t, pv);
        }
        int r = l.length;
        DMatrixRMaj lm = new DMatrixRMaj(l);
        DMatrixRMaj c = new DMatrixRMaj(p, p, true, vcov);
        DMatrixRMaj lc = new DMatrixRMaj(r, p);
        CommonOps_DDRM.mult(lm, c, lc);
        DMatrixRMaj lcl = new DMatrixRMaj(r, r);
        CommonOps_DDRM.multTransB(lc, lm, lcl);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(r, true, true);
        if (!eig.decompose(lcl.copy())) throw new IllegalStateException("eigen decomposition failed");
        Integer[] order = new Integer[r];
        for (int i = 0; i < r; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> Double.compare(eig.getEigenvalue(y).real, eig.getEigenvalue(x).real));
        double d0 = eig.getEigenvalue(order[0]).real;
        double tol = Math.max(Math.sqrt(Math.ulp(1.0)) * d0, 0);
        double fsum = 0;
        java.util.List<Double> nus = new java.util.ArrayList<>();
        for (int m = 0; m < r; m++) {
            double d = eig.getEigenvalue(order[m]).real;
            if (!(d > tol)) break;
            DMatrixRMaj v = eig.getEigenVector(order[m]);
            double[] ptl = new double[p];
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int i = 0; i < r; i++) s += v.get(i, 0) * l[i][j];
                ptl[j] = s;
            }
            double e = 0;
            for (int j = 0; j < p; j++) e += ptl[j] * beta[j];
            fsum += e * e / d;
            nus.add(dfFor(ptl, d));
        }
        int q = nus.size();
        double f = fsum / q;
        double ddf = fStatisticDf(nus);
        double pv = Distributions.fUpper(f, q, ddf);
        return new ContrastTest(Double.NaN, Double.NaN, q, ddf, f, pv);
    }

    /** lmerTest's combination of the per-component df into the F statistic's denominator df. */
    static double fStatisticDf(java.util.List<Double> nu) {
        if (nu.size() == 1) return nu.get(0);
        boolean equal = true;
        for (int i = 1; i < nu.size(); i++) if (Math.abs(nu.get(i) - nu.get(i - 1)) >= 1e-8) equal = false;
        if (equal) return nu.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double e = 0;
        for (double v : nu) {
            if (v <= 2) return 2;
            e += v / (v - 2);
        }
        return 2 * e / (e - nu.size());
    }
}
