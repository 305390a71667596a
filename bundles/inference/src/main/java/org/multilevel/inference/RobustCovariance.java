package org.multilevel.inference;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.fit.ContrastTest;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.RandomTerm;
import org.multilevel.inference.internal.ClusterTerms;
import org.multilevel.inference.internal.Distributions;
import org.multilevel.inference.internal.LowRank;
import org.multilevel.inference.internal.Partition;

/**
 * Cluster-robust (sandwich) covariance of the fixed effects of a linear mixed model, CR2 (Bell and McCaffrey
 * 2002; Pustejovsky and Tipton 2018, as R's clubSandwich computes it for lmer fits): the working model is the
 * fitted marginal covariance Phi (weights W = Phi^-1), the clusters are the levels of the grouping factor every
 * other random factor is nested in, and each cluster's residuals are adjusted by
 * A_j = D_j' B_j^{-1/2} D_j with D_j'D_j = Phi_j and B_j = D_j (Phi_j - X_j M X_j') D_j', M = (X'WX)^-1.
 * Tests of one contrast use the Satterthwaite (Bell-McCaffrey) df under the working model.
 *
 * <p>Every cluster matrix is of the form a I + K C K' with K = [Z_j, X_j], so square roots and inverses are
 * taken on the small space of K's columns (A_j does not depend on which D_j is used, so the symmetric root
 * serves): the cost is one pass over the rows plus O((q + p)^3) per cluster. Crossed random factors are
 * refused (the working covariance is not block diagonal by cluster). Immutable.
 */
public final class RobustCovariance {
    private final double[][] covariance;
    private final double[][] m;
    private final double[] beta;
    private final List<double[][]> xg;
    private final List<double[][]> gpg;
    private final String clusterFactor;
    private final int clusters;

    private RobustCovariance(double[][] covariance, double[][] m, double[] beta, List<double[][]> xg,
                             List<double[][]> gpg, String clusterFactor, int clusters) {
        this.covariance = covariance;
        this.m = m;
        this.beta = beta;
        this.xg = xg;
        this.gpg = gpg;
        this.clusterFactor = clusterFactor;
        this.clusters = clusters;
    }

    /**
     * CR2 at the fitted values.
     *
     * @param covariances one covariance matrix per random term (design order), the estimates
     * @param sigma2      residual variance
     * @param beta        the fixed-effects estimates
     */
    public static RobustCovariance cr2(DesignMatrices design, List<double[][]> covariances, double sigma2,
                                       double[] beta) {
        List<RandomTerm> terms = design.random();
        int n = design.rows();
        int p = design.fixed().columns();
        if (terms.isEmpty()) throw new MultilevelException("Robust standard errors need a clustering random term.");
        if (covariances.size() != terms.size()) {
            throw new MultilevelException("Robust standard errors got " + covariances.size()
                    + " covariance matrices for " + terms.size() + " random-effects terms.");
        }
        if (beta.length != p) {
            throw new MultilevelException("Robust standard errors: beta has " + beta.length + " entries for " + p
                    + " fixed effects.");
        }
        int top = Partition.nestingTerm(terms, n);
        if (top < 0) {
            throw new MultilevelException("Robust standard errors need nested random effects; these grouping"
                    + " factors are crossed.");
        }
        Partition part = Partition.byTerm(terms, top, n);
        // M = (X'V^-1 X)^-1 from the Kenward-Roger machinery's unadjusted covariance
        double[][] mArr = KenwardRoger.prepare(design, covariances, sigma2).covariance();
        DMatrixRMaj mm = new DMatrixRMaj(mArr);
        DMatrixRMaj meat = new DMatrixRMaj(p, p);
        List<double[][]> xgList = new ArrayList<>();
        List<double[][]> gpgList = new ArrayList<>();
        double[] xv = design.fixed().values();
        int used = 0;
        int[][] localLevel = new int[terms.size()][];
        for (int k = 0; k < terms.size(); k++) {
            localLevel[k] = new int[terms.get(k).levelCount()];
            java.util.Arrays.fill(localLevel[k], -1);
        }
        DMatrixRMaj betaM = DMatrixRMaj.wrap(p, 1, beta.clone());
        for (int b = 0; b < part.blocks(); b++) {
            int from = part.blockStart()[b];
            int to = part.blockStart()[b + 1];
            if (to <= from) continue;
            used++;
            ClusterTerms ct = ClusterTerms.of(terms, localLevel, part.rowOrder(), from, to);
            int nq = ct.columns();
            int k = nq + p;
            // crossproducts of K = [Z, X] and K'y
            DMatrixRMaj s = new DMatrixRMaj(k, k);
            DMatrixRMaj ky = new DMatrixRMaj(k, 1);
            double[] row = new double[k];
            for (int idx = from; idx < to; idx++) {
                int i = part.rowOrder()[idx];
                java.util.Arrays.fill(row, 0.0);
                ct.fillZ(terms, localLevel, i, row);
                for (int c = 0; c < p; c++) row[nq + c] = xv[i * p + c];
                double yi = design.y()[i];
                for (int a = 0; a < k; a++) {
                    double va = row[a];
                    if (va == 0) continue;
                    ky.data[a] += va * yi;
                    for (int c = 0; c < k; c++) s.data[a * k + c] += va * row[c];
                }
            }
            ct.release(localLevel);
            DMatrixRMaj sx = CommonOps_DDRM.extract(s, 0, k, nq, k);       // K'X (k x p)
            DMatrixRMaj xk = CommonOps_DDRM.transpose(sx, null);           // X'K (p x k)
            DMatrixRMaj ke = ky.copy();                                    // K'e = K'y - K'X beta
            CommonOps_DDRM.subtractEquals(ke, mult(sx, betaM));

            LowRank alg = new LowRank(s);
            DMatrixRMaj cPhi = new DMatrixRMaj(k, k);
            ct.fillCovariance(terms, covariances, cPhi);
            DMatrixRMaj cX = new DMatrixRMaj(k, k);
            CommonOps_DDRM.insert(mm, cX, nq, nq);
            LowRank.Element phi = new LowRank.Element(sigma2, cPhi);
            DMatrixRMaj cInner = cPhi.copy();
            CommonOps_DDRM.subtractEquals(cInner, cX);
            LowRank.Element d = alg.apply(phi, Math::sqrt);
            LowRank.Element bEl = alg.times(alg.times(d, new LowRank.Element(sigma2, cInner)), d);
            double tol = 1e-12 * alg.maxEigenvalue(bEl);
            LowRank.Element bInvSqrt = alg.apply(bEl, x -> x > tol ? 1 / Math.sqrt(x) : 0.0);
            LowRank.Element a = alg.times(alg.times(d, bInvSqrt), d);
            LowRank.Element w = alg.apply(phi, x -> 1 / x);
            // v = X' W A e
            LowRank.Element wa = alg.times(w, a);
            DMatrixRMaj v = mult(xk, mult(wa.c(), ke));
            for (int c = 0; c < p; c++) v.data[c] += wa.a() * ke.data[nq + c];
            for (int r = 0; r < p; r++) for (int c = 0; c < p; c++) meat.add(r, c, v.get(r) * v.get(c));
            // G = A W X M = K F2 M with F2 = a E_x + C K'X
            LowRank.Element aw = alg.times(a, w);
            DMatrixRMaj f2 = mult(aw.c(), sx);
            for (int c = 0; c < p; c++) f2.add(nq + c, c, aw.a());
            DMatrixRMaj f2m = mult(f2, mm);
            xgList.add(toArray(mult(xk, f2m)));
            DMatrixRMaj kPhiK = mult(mult(s, cPhi), s);
            CommonOps_DDRM.addEquals(kPhiK, sigma2, s);
            DMatrixRMaj gpgj = new DMatrixRMaj(p, p);
            CommonOps_DDRM.multTransA(f2m, mult(kPhiK, f2m), gpgj);
            gpgList.add(toArray(gpgj));
        }
        DMatrixRMaj vcr = mult(mult(mm, meat), mm);
        return new RobustCovariance(toArray(vcr), mArr, beta.clone(), xgList, gpgList, terms.get(top).group(), used);
    }

    /** The CR2 covariance of the fixed effects. */
    public double[][] covariance() {
        double[][] out = new double[covariance.length][];
        for (int i = 0; i < covariance.length; i++) out[i] = covariance[i].clone();
        return out;
    }

    public String clusterFactor() {
        return clusterFactor;
    }

    public int clusters() {
        return clusters;
    }

    /** Robust t test of one contrast (a one-row L) with Bell-McCaffrey (Satterthwaite) df. */
    public ContrastTest test(double[] contrast) {
        int p = beta.length;
        if (contrast.length != p) {
            throw new MultilevelException("Robust test: the contrast has " + contrast.length + " entries for " + p
                    + " fixed effects.");
        }
        double est = 0;
        double var = 0;
        for (int j = 0; j < p; j++) {
            est += contrast[j] * beta[j];
            for (int k = 0; k < p; k++) var += contrast[j] * covariance[j][k] * contrast[k];
        }
        double se = Math.sqrt(var);
        double df = df(contrast);
        double t = est / se;
        return new ContrastTest(est, se, 1, df, t, Distributions.twoSidedT(t, df));
    }

    /** Satterthwaite df of the CR2 variance of c'beta under the working model. */
    public double df(double[] c) {
        int p = beta.length;
        double sumDiag = 0;
        double sumS2 = 0;
        double cross = 0;
        double[][] uu = new double[p][p];
        for (int j = 0; j < xg.size(); j++) {
            double[] u = times(xg.get(j), c);
            double s = dot(c, times(gpg.get(j), c));
            double umu = dot(u, times(m, u));
            sumDiag += s - umu;
            sumS2 += s * s;
            cross += s * umu;
            for (int a = 0; a < p; a++) for (int b = 0; b < p; b++) uu[a][b] += u[a] * u[b];
        }
        double[][] mu = product(m, uu);
        double trace = 0;
        for (int a = 0; a < p; a++) for (int b = 0; b < p; b++) trace += mu[a][b] * mu[b][a];
        double denom = sumS2 - 2 * cross + trace;
        return sumDiag * sumDiag / denom;
    }

    private static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
        CommonOps_DDRM.mult(a, b, c);
        return c;
    }

    private static double[][] toArray(DMatrixRMaj a) {
        double[][] out = new double[a.numRows][a.numCols];
        for (int i = 0; i < a.numRows; i++) for (int j = 0; j < a.numCols; j++) out[i][j] = a.get(i, j);
        return out;
    }

    private static double[] times(double[][] a, double[] x) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < x.length; j++) out[i] += a[i][j] * x[j];
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double[][] product(double[][] a, double[][] b) {
        int n = a.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) for (int k = 0; k < n; k++) for (int j = 0; j < n; j++) out[i][j] += a[i][k] * b[k][j];
        return out;
    }
}
