package org.multilevel.inference;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.eig.SymmetricQRAlgorithmDecomposition_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.fit.ContrastTest;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.RandomTerm;
import org.multilevel.inference.internal.Distributions;
import org.multilevel.inference.internal.Partition;

/**
 * Cluster-robust (sandwich) covariance of the fixed effects of a linear mixed model, CR2 (Bell and McCaffrey
 * 2002; Pustejovsky and Tipton 2018, as R's clubSandwich computes it for lmer fits): the working model is the
 * fitted marginal covariance Phi (weights W = Phi^-1), the clusters are the levels of the grouping factor every
 * other random factor is nested in, and each cluster's residuals are adjusted by
 * A_j = D_j' B_j^{-1/2} D_j with D_j'D_j = Phi_j and B_j = D_j (Phi_j - X_j M X_j') D_j', M = (X'WX)^-1.
 * Tests of one contrast use the Satterthwaite (Bell-McCaffrey) df under the working model.
 *
 * <p>Each cluster costs O(n_j^3): fine for clusters of tens to hundreds of rows. Crossed random factors are
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
        for (int b = 0; b < part.blocks(); b++) {
            int from = part.blockStart()[b];
            int to = part.blockStart()[b + 1];
            int nj = to - from;
            if (nj == 0) continue;
            used++;
            int[] rows = new int[nj];
            System.arraycopy(part.rowOrder(), from, rows, 0, nj);
            DMatrixRMaj phi = clusterCovariance(terms, covariances, sigma2, rows);
            DMatrixRMaj xj = new DMatrixRMaj(nj, p);
            DMatrixRMaj ej = new DMatrixRMaj(nj, 1);
            for (int a = 0; a < nj; a++) {
                double fit = 0;
                for (int c = 0; c < p; c++) {
                    double v = xv[rows[a] * p + c];
                    xj.set(a, c, v);
                    fit += v * beta[c];
                }
                ej.set(a, 0, design.y()[rows[a]] - fit);
            }
            CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(nj, true);
            if (!chol.decompose(phi.copy())) {
                throw new MultilevelException("Robust standard errors: the covariance of cluster "
                        + terms.get(top).levels().get(terms.get(top).levelOfRow()[rows[0]]) + " is not positive definite.");
            }
            DMatrixRMaj lower = chol.getT(null);
            DMatrixRMaj d = CommonOps_DDRM.transpose(lower, null); // D'D = Phi
            DMatrixRMaj wx = new DMatrixRMaj(nj, p);
            CommonOps_DDRM.solve(phi, xj, wx);
            // B = D (Phi - X M X') D'
            DMatrixRMaj xm = mult(xj, mm);
            DMatrixRMaj xmx = new DMatrixRMaj(nj, nj);
            CommonOps_DDRM.multTransB(xm, xj, xmx);
            DMatrixRMaj inner = phi.copy();
            CommonOps_DDRM.subtractEquals(inner, xmx);
            DMatrixRMaj bm = new DMatrixRMaj(nj, nj);
            CommonOps_DDRM.multTransB(mult(d, inner), d, bm);
            DMatrixRMaj a = new DMatrixRMaj(nj, nj);
            CommonOps_DDRM.multTransA(d, mult(inverseSqrt(bm), d), a);
            // meat: v = X'W A e
            DMatrixRMaj ae = mult(a, ej);
            DMatrixRMaj v = new DMatrixRMaj(p, 1);
            CommonOps_DDRM.multTransA(wx, ae, v);
            for (int r = 0; r < p; r++) for (int c = 0; c < p; c++) meat.add(r, c, v.get(r) * v.get(c));
            // G = A' W X M, X'G and G' Phi G for the df
            DMatrixRMaj g = new DMatrixRMaj(nj, p);
            CommonOps_DDRM.multTransA(a, mult(wx, mm), g);
            DMatrixRMaj xgj = new DMatrixRMaj(p, p);
            CommonOps_DDRM.multTransA(xj, g, xgj);
            DMatrixRMaj gpgj = new DMatrixRMaj(p, p);
            CommonOps_DDRM.multTransA(g, mult(phi, g), gpgj);
            xgList.add(toArray(xgj));
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

    private static DMatrixRMaj clusterCovariance(List<RandomTerm> terms, List<double[][]> cov, double sigma2,
                                                 int[] rows) {
        int nj = rows.length;
        DMatrixRMaj phi = new DMatrixRMaj(nj, nj);
        for (int a = 0; a < nj; a++) phi.add(a, a, sigma2);
        for (int k = 0; k < terms.size(); k++) {
            RandomTerm t = terms.get(k);
            int q = t.effects();
            double[][] g = cov.get(k);
            for (int a = 0; a < nj; a++) {
                int ra = rows[a];
                for (int b = 0; b < nj; b++) {
                    int rb = rows[b];
                    if (t.levelOfRow()[ra] != t.levelOfRow()[rb]) continue;
                    double s = 0;
                    for (int e = 0; e < q; e++) {
                        double za = t.z()[ra * q + e];
                        if (za == 0) continue;
                        for (int f = 0; f < q; f++) s += za * g[e][f] * t.z()[rb * q + f];
                    }
                    phi.add(a, b, s);
                }
            }
        }
        return phi;
    }

    /** Symmetric B^{-1/2}, with zero for (numerically) zero eigenvalues as clubSandwich does. */
    private static DMatrixRMaj inverseSqrt(DMatrixRMaj b) {
        int n = b.numRows;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double v = 0.5 * (b.get(i, j) + b.get(j, i));
                b.set(i, j, v);
                b.set(j, i, v);
            }
        }
        SymmetricQRAlgorithmDecomposition_DDRM eig = new SymmetricQRAlgorithmDecomposition_DDRM(true);
        if (!eig.decompose(b.copy())) throw new MultilevelException("Robust standard errors: eigen decomposition failed.");
        double max = 0;
        for (int k = 0; k < n; k++) max = Math.max(max, Math.abs(eig.getEigenvalue(k).getReal()));
        DMatrixRMaj out = new DMatrixRMaj(n, n);
        for (int k = 0; k < n; k++) {
            double ev = eig.getEigenvalue(k).getReal();
            if (ev <= 1e-12 * Math.max(1, max)) continue;
            double w = 1 / Math.sqrt(ev);
            DMatrixRMaj vec = eig.getEigenVector(k);
            for (int i = 0; i < n; i++) {
                double vi = vec.get(i) * w;
                for (int j = 0; j < n; j++) out.add(i, j, vi * vec.get(j));
            }
        }
        return out;
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
