package org.multilevel.inference;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.eig.SymmetricQRAlgorithmDecomposition_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.fit.ContrastTest;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.RandomTerm;
import org.multilevel.inference.internal.Distributions;
import org.multilevel.inference.internal.KenwardRogerSums;
import org.multilevel.inference.internal.Partition;
import org.multilevel.inference.internal.VarianceParameter;

/**
 * Kenward and Roger's (1997) small-sample inference for the fixed effects of a linear mixed model fitted by
 * REML, as pbkrtest computes it (Halekoh and Højsgaard 2014): the variance parameters are the distinct elements
 * of each random term's covariance matrix plus the residual variance (V = sum_r sigma_r G_r), the expected
 * information of the REML likelihood gives W, and the adjusted covariance is Phi_A = Phi + 2 Phi U Phi (the
 * second-derivative term vanishes because V is linear in its parameters).
 *
 * <p>Use: {@code KenwardRoger kr = KenwardRoger.prepare(design, covariances, sigma2);} then
 * {@code kr.adjustedCovariance()} and {@code kr.test(beta, L)} for any number of contrasts. Preparing costs
 * one pass over the rows; each test costs only p x p algebra.
 *
 * <p>Computation never forms the n x n matrix V. With {@link Path#BLOCKED}, used whenever every random term's
 * grouping factor is nested in one of them (single factor, 2- or 3-level nesting), V is block diagonal per
 * level of that factor and every trace reduces to small per-cluster matrices (Woodbury), so the cost is
 * linear in the rows. With {@link Path#GENERAL} (crossed factors) the same algebra runs on one block holding
 * all random effects: the cost grows with the cube of the total number of random effects, not with n.
 * Immutable and safe to share between threads.
 */
public final class KenwardRoger {

    /** How the sums over the rows are organized. */
    public enum Path {
        /** {@link #BLOCKED} when the random factors are nested, else {@link #GENERAL}. */
        AUTO,
        /** Per level of the factor every other factor is nested in. */
        BLOCKED,
        /** One block holding every row (any structure, including crossed factors). */
        GENERAL
    }

    private final double[][] phi;
    private final double[][] phiA;
    private final double[][][] pMats;
    private final double[][] w;
    private final Path path;
    private final int p;

    private KenwardRoger(double[][] phi, double[][] phiA, double[][][] pMats, double[][] w, Path path) {
        this.phi = phi;
        this.phiA = phiA;
        this.pMats = pMats;
        this.w = w;
        this.path = path;
        this.p = phi.length;
    }

    /**
     * Prepares Kenward-Roger inference at the REML estimates.
     *
     * @param design      the model frame (X and the random terms)
     * @param covariances one q x q covariance matrix per random term, in the design's term order
     * @param sigma2      the residual variance
     */
    public static KenwardRoger prepare(DesignMatrices design, List<double[][]> covariances, double sigma2) {
        return prepare(design, covariances, sigma2, Path.AUTO);
    }

    /** As {@link #prepare(DesignMatrices, List, double)} with the computational path chosen by the caller. */
    public static KenwardRoger prepare(DesignMatrices design, List<double[][]> covariances, double sigma2,
                                       Path path) {
        return prepare(design, covariances, sigma2, path, () -> { });
    }

    /**
     * As {@link #prepare(DesignMatrices, List, double, Path)} with {@code check} run before each block of rows,
     * so that a caller can end a long computation (it throws to cancel).
     */
    public static KenwardRoger prepare(DesignMatrices design, List<double[][]> covariances, double sigma2,
                                       Path path, Runnable check) {
        List<RandomTerm> terms = design.random();
        int n = design.rows();
        int p = design.fixed().columns();
        if (terms.isEmpty()) {
            throw new MultilevelException("Kenward-Roger needs at least one random-effects term.");
        }
        if (covariances.size() != terms.size()) {
            throw new MultilevelException("Kenward-Roger got " + covariances.size()
                    + " covariance matrices for " + terms.size() + " random-effects terms.");
        }
        if (!(sigma2 > 0) || Double.isInfinite(sigma2)) {
            throw new MultilevelException("Kenward-Roger needs a positive residual variance, got " + sigma2 + ".");
        }
        if (p == 0) throw new MultilevelException("Kenward-Roger needs at least one fixed effect.");
        List<DMatrixRMaj> factors = new ArrayList<>();
        List<VarianceParameter> params = new ArrayList<>();
        for (int k = 0; k < terms.size(); k++) {
            RandomTerm t = terms.get(k);
            int q = t.effects();
            double[][] g = covariances.get(k);
            if (g == null || g.length != q) {
                throw new MultilevelException("Kenward-Roger: the covariance matrix of term (" + t.effectNames()
                        + " | " + t.group() + ") must be " + q + " x " + q + ".");
            }
            for (double[] row : g) {
                if (row.length != q) {
                    throw new MultilevelException("Kenward-Roger: the covariance matrix of term (" + t.effectNames()
                            + " | " + t.group() + ") must be " + q + " x " + q + ".");
                }
                for (double v : row) {
                    if (!Double.isFinite(v)) {
                        throw new MultilevelException("Kenward-Roger: the covariance matrix of term ("
                                + t.effectNames() + " | " + t.group() + ") has a non-finite entry.");
                    }
                }
            }
            factors.add(squareRoot(g));
            for (int b = 0; b < q; b++) {
                for (int a = 0; a <= b; a++) params.add(new VarianceParameter(k, a, b));
            }
        }
        params.add(VarianceParameter.RESIDUAL);

        Path used = path;
        int top = Partition.nestingTerm(terms, n);
        if (path == Path.AUTO) used = top >= 0 ? Path.BLOCKED : Path.GENERAL;
        if (used == Path.BLOCKED && top < 0) {
            throw new MultilevelException("Kenward-Roger: the blocked computation needs nested grouping factors;"
                    + " these are crossed.");
        }
        Partition part = used == Path.BLOCKED ? Partition.byTerm(terms, top, n) : Partition.single(n);

        KenwardRogerSums sums = new KenwardRogerSums(design, params, factors, sigma2);
        for (int blk = 0; blk < part.blocks(); blk++) {
            int from = part.blockStart()[blk];
            int to = part.blockStart()[blk + 1];
            check.run();
            if (to > from) sums.addBlock(part.rowOrder(), from, to);
        }
        return assemble(sums, params.size(), p, used);
    }

    private static KenwardRoger assemble(KenwardRogerSums sums, int m, int p, Path path) {
        DMatrixRMaj phi = new DMatrixRMaj(p, p);
        if (!CommonOps_DDRM.invert(sums.xvx().copy(), phi)) {
            throw new MultilevelException("Kenward-Roger: X'V^-1 X is singular (collinear fixed effects).");
        }
        symmetrize(phi);
        DMatrixRMaj[] pm = sums.p();
        DMatrixRMaj[][] qm = sums.q();
        double[][] kt = sums.kTrace();
        DMatrixRMaj[] phiP = new DMatrixRMaj[m];
        for (int r = 0; r < m; r++) phiP[r] = mult(phi, pm[r]);
        // expected information of the REML likelihood, times 2: tr(P G_r P G_s) with P = V^-1 - V^-1 X Phi X'V^-1
        DMatrixRMaj ie = new DMatrixRMaj(m, m);
        for (int r = 0; r < m; r++) {
            for (int s = r; s < m; s++) {
                double v = kt[r][s] - 2 * traceProduct(phi, qm[r][s]) + traceOfProduct(phiP[r], phiP[s]);
                ie.set(r, s, v);
                ie.set(s, r, v);
            }
        }
        DMatrixRMaj wm = inverseOrPseudo(ie);
        CommonOps_DDRM.scale(2.0, wm);
        symmetrize(wm);
        // U = sum_rs W_rs (Q_rs - P_r Phi P_s)
        DMatrixRMaj u = new DMatrixRMaj(p, p);
        for (int r = 0; r < m; r++) {
            for (int s = 0; s < m; s++) {
                DMatrixRMaj qrs = r <= s ? qm[r][s] : CommonOps_DDRM.transpose(qm[s][r], null);
                DMatrixRMaj term = qrs.copy();
                CommonOps_DDRM.subtractEquals(term, mult(pm[r], phiP[s]));
                CommonOps_DDRM.addEquals(u, wm.get(r, s), term);
            }
        }
        DMatrixRMaj adj = mult(mult(phi, u), phi);
        DMatrixRMaj phiA = phi.copy();
        CommonOps_DDRM.addEquals(phiA, 2.0, adj);
        symmetrize(phiA);
        double[][][] pArr = new double[m][][];
        for (int r = 0; r < m; r++) pArr[r] = toArray(pm[r]);
        return new KenwardRoger(toArray(phi), toArray(phiA), pArr, toArray(wm), path);
    }

    /** The unadjusted covariance of the fixed effects, Phi = (X'V^-1 X)^-1, at the given variance parameters. */
    public double[][] covariance() {
        return copy(phi);
    }

    /** The Kenward-Roger adjusted covariance of the fixed effects, Phi_A. */
    public double[][] adjustedCovariance() {
        return copy(phiA);
    }

    /** The path the sums were computed on (never AUTO). */
    public Path path() {
        return path;
    }

    /**
     * Tests L beta = 0. With one row of L: the t test lmerTest prints (estimate and SE from Phi_A, df from
     * Kenward-Roger's approximation, no F scaling, which is exactly 1 for one row). With several rows: the
     * Kenward-Roger F test of pbkrtest's KRmodcomp (Wald statistic with Phi_A, divided by the rank, times the
     * F scaling lambda; denominator df m). Rank-deficient L is reduced to a basis of its rows.
     */
    public ContrastTest test(double[] beta, double[][] contrast) {
        if (beta.length != p) {
            throw new MultilevelException("Kenward-Roger: beta has " + beta.length + " entries, the model has " + p
                    + " fixed effects.");
        }
        DMatrixRMaj l = rowBasis(contrast);
        int q = l.numRows;
        DMatrixRMaj phiM = DMatrixRMaj.wrap(p, p, flat(phi));
        DMatrixRMaj lPhiLt = mult(mult(l, phiM), CommonOps_DDRM.transpose(l, null));
        DMatrixRMaj lPhiLtInv = new DMatrixRMaj(q, q);
        if (!CommonOps_DDRM.invert(lPhiLt, lPhiLtInv)) {
            throw new MultilevelException("Kenward-Roger: the contrast has no variance (L Phi L' is singular).");
        }
        DMatrixRMaj theta = mult(mult(CommonOps_DDRM.transpose(l, null), lPhiLtInv), l);
        DMatrixRMaj thetaPhi = mult(theta, phiM);
        int m = pMats.length;
        DMatrixRMaj[] ui = new DMatrixRMaj[m];
        double[] tr = new double[m];
        for (int r = 0; r < m; r++) {
            ui[r] = mult(mult(thetaPhi, DMatrixRMaj.wrap(p, p, flat(pMats[r]))), phiM);
            tr[r] = CommonOps_DDRM.trace(ui[r]);
        }
        double a1 = 0;
        double a2 = 0;
        for (int r = 0; r < m; r++) {
            for (int s = 0; s < m; s++) {
                a1 += w[r][s] * tr[r] * tr[s];
                a2 += w[r][s] * traceOfProduct(ui[r], ui[s]);
            }
        }
        double ddf = denominatorDf(a1, a2, q);
        if (Double.isNaN(ddf) || ddf <= 0) {
            throw new MultilevelException("Kenward-Roger df could not be computed for this contrast (df = " + ddf
                    + "); use Satterthwaite df.");
        }
        double scaling = Double.isInfinite(ddf) ? 1.0 - a2 / q
                : Math.abs(ddf - 2) < 1e-2 ? 1.0 : ddf * (1 - a2 / q) / (ddf - 2);

        DMatrixRMaj b = DMatrixRMaj.wrap(p, 1, beta.clone());
        DMatrixRMaj lb = mult(l, b);
        DMatrixRMaj phiAM = DMatrixRMaj.wrap(p, p, flat(phiA));
        DMatrixRMaj lPhiALt = mult(mult(l, phiAM), CommonOps_DDRM.transpose(l, null));
        if (contrast.length == 1 && q == 1) {
            double est = 0;
            double var = 0;
            for (int j = 0; j < p; j++) {
                est += contrast[0][j] * beta[j];
                for (int k = 0; k < p; k++) var += contrast[0][j] * phiA[j][k] * contrast[0][k];
            }
            double se = Math.sqrt(var);
            double t = est / se;
            return new ContrastTest(est, se, 1, ddf, t, Distributions.twoSidedT(t, ddf));
        }
        DMatrixRMaj sol = new DMatrixRMaj(q, 1);
        if (!CommonOps_DDRM.solve(lPhiALt, lb, sol)) {
            throw new MultilevelException("Kenward-Roger: the adjusted covariance of the contrast is singular.");
        }
        double wald = 0;
        for (int i = 0; i < q; i++) wald += lb.get(i) * sol.get(i);
        double f = scaling * wald / q;
        return new ContrastTest(Double.NaN, Double.NaN, q, ddf, f, Distributions.upperF(f, q, ddf));
    }

    /** Kenward and Roger's denominator df m for rank q, from A1 and A2 (pbkrtest's formulas). */
    static double denominatorDf(double a1, double a2, int q) {
        // the contrast's variance does not depend on the variance parameters: no small-sample correction
        if (Math.abs(a2) < 1e-14 && Math.abs(a1) < 1e-14) return Double.POSITIVE_INFINITY;
        double b = (a1 + 6 * a2) / (2.0 * q);
        double g = ((q + 1) * a1 - (q + 4) * a2) / ((q + 2) * a2);
        double den = 3 * q + 2 * (1 - g);
        double c1 = g / den;
        double c2 = (q - g) / den;
        double c3 = (q + 2 - g) / den;
        double v0 = 1 + c1 * b;
        double v1 = 1 - c2 * b;
        double v2 = 1 - c3 * b;
        if (Math.abs(v0) < 1e-10) v0 = 0;
        double num = 1 - a2 / q;
        double ratio = Math.abs(num) < 1e-14 && Math.abs(v1) < 1e-14 ? 1.0 : num / v1;
        double rho = ratio * ratio * v0 / v2 / q;
        return 4 + (q + 2) / (q * rho - 1);
    }

    // ---- small matrix helpers ----

    /** A square root F with F F' = g (eigen decomposition; g may be singular). */
    private static DMatrixRMaj squareRoot(double[][] g) {
        int q = g.length;
        DMatrixRMaj a = new DMatrixRMaj(g);
        symmetrize(a);
        if (q == 1) {
            return new DMatrixRMaj(new double[][] {{Math.sqrt(Math.max(0, a.get(0, 0)))}});
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(q, true, true);
        if (!eig.decompose(a.copy())) throw new MultilevelException("Kenward-Roger: eigen decomposition failed.");
        DMatrixRMaj f = new DMatrixRMaj(q, q);
        double maxEv = 0;
        for (int k = 0; k < q; k++) maxEv = Math.max(maxEv, eig.getEigenvalue(k).getReal());
        for (int k = 0; k < q; k++) {
            double ev = eig.getEigenvalue(k).getReal();
            if (ev < -1e-8 * Math.max(1, maxEv)) {
                throw new MultilevelException("Kenward-Roger: a random-effects covariance matrix is not positive"
                        + " semi-definite.");
            }
            double sd = Math.sqrt(Math.max(0, ev));
            DMatrixRMaj v = eig.getEigenVector(k);
            for (int i = 0; i < q; i++) f.set(i, k, v.get(i) * sd);
        }
        return f;
    }

    private static DMatrixRMaj inverseOrPseudo(DMatrixRMaj a) {
        int m = a.numRows;
        SymmetricQRAlgorithmDecomposition_DDRM eig = new SymmetricQRAlgorithmDecomposition_DDRM(true);
        double minAbs = Double.POSITIVE_INFINITY;
        if (eig.decompose(a.copy())) {
            for (int k = 0; k < m; k++) minAbs = Math.min(minAbs, Math.abs(eig.getEigenvalue(k).getReal()));
        }
        DMatrixRMaj inv = new DMatrixRMaj(m, m);
        if (minAbs > 1e-10 && CommonOps_DDRM.invert(a.copy(), inv)) return inv;
        CommonOps_DDRM.pinv(a.copy(), inv);
        return inv;
    }

    private DMatrixRMaj rowBasis(double[][] contrast) {
        if (contrast.length == 0) throw new MultilevelException("Kenward-Roger: the contrast has no rows.");
        for (double[] row : contrast) {
            if (row.length != p) {
                throw new MultilevelException("Kenward-Roger: a contrast row has " + row.length
                        + " entries, the model has " + p + " fixed effects.");
            }
        }
        return WaldTest.rowBasis(contrast, p);
    }

    private static double traceProduct(DMatrixRMaj a, DMatrixRMaj b) {
        // sum(a * b) elementwise = tr(a' b)
        double s = 0;
        for (int i = 0; i < a.data.length && i < a.numRows * a.numCols; i++) s += a.data[i] * b.data[i];
        return s;
    }

    private static double traceOfProduct(DMatrixRMaj a, DMatrixRMaj b) {
        int n = a.numRows;
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) s += a.data[i * n + j] * b.data[j * n + i];
        }
        return s;
    }

    private static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
        CommonOps_DDRM.mult(a, b, c);
        return c;
    }

    private static void symmetrize(DMatrixRMaj a) {
        int n = a.numRows;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double v = 0.5 * (a.get(i, j) + a.get(j, i));
                a.set(i, j, v);
                a.set(j, i, v);
            }
        }
    }

    private static double[][] toArray(DMatrixRMaj a) {
        double[][] out = new double[a.numRows][a.numCols];
        for (int i = 0; i < a.numRows; i++) {
            for (int j = 0; j < a.numCols; j++) out[i][j] = a.get(i, j);
        }
        return out;
    }

    private static double[] flat(double[][] a) {
        int r = a.length;
        int c = r == 0 ? 0 : a[0].length;
        double[] out = new double[r * c];
        for (int i = 0; i < r; i++) System.arraycopy(a[i], 0, out, i * c, c);
        return out;
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) out[i] = a[i].clone();
        return out;
    }
}
