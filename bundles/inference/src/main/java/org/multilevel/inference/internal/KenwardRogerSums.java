package org.multilevel.inference.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.RandomTerm;

/**
 * The sums Kenward-Roger needs, accumulated block by block over a {@link Partition} on which V is block
 * diagonal. Within a block with random-effects matrix Z (all terms' columns for the levels present) and
 * D = Cov(b) = L L', V = Z D Z' + sigma2 I and, by Woodbury, V^-1 = sigma2^-1 (I - Z C Z') with
 * C = L (sigma2 I + L'Z'Z L)^-1 L' (valid for singular D too). Every quantity below is then a function of the
 * block's crossproducts Z'Z, Z'X and X'X only:
 * <ul>
 * <li>{@code xvx} = X'V^-1 X</li>
 * <li>{@code p[r]} = -X'V^-1 G_r V^-1 X</li>
 * <li>{@code q[r][s]} = X'V^-1 G_r V^-1 G_s V^-1 X (r <= s)</li>
 * <li>{@code k[r][s]} = tr(V^-1 G_r V^-1 G_s)</li>
 * </ul>
 * Not thread-safe; one instance per computation.
 */
public final class KenwardRogerSums {
    private final DesignMatrices design;
    private final List<VarianceParameter> params;
    private final DMatrixRMaj[] factors;
    private final double sigma2;
    private final int p;
    private final int nParams;

    final DMatrixRMaj xvx;
    final DMatrixRMaj[] pMat;
    final DMatrixRMaj[][] qMat;
    final double[][] kTrace;

    // per-term scratch: local index of each level within the current block (-1 when absent)
    private final int[][] localLevel;

    public KenwardRogerSums(DesignMatrices design, List<VarianceParameter> params, List<DMatrixRMaj> factors,
                            double sigma2) {
        this.design = design;
        this.params = List.copyOf(params);
        this.factors = factors.toArray(new DMatrixRMaj[0]);
        this.sigma2 = sigma2;
        this.p = design.fixed().columns();
        this.nParams = params.size();
        this.xvx = new DMatrixRMaj(p, p);
        this.pMat = new DMatrixRMaj[nParams];
        this.qMat = new DMatrixRMaj[nParams][nParams];
        for (int r = 0; r < nParams; r++) {
            pMat[r] = new DMatrixRMaj(p, p);
            for (int s = r; s < nParams; s++) qMat[r][s] = new DMatrixRMaj(p, p);
        }
        this.kTrace = new double[nParams][nParams];
        List<RandomTerm> terms = design.random();
        this.localLevel = new int[terms.size()][];
        for (int k = 0; k < terms.size(); k++) {
            localLevel[k] = new int[terms.get(k).levelCount()];
            Arrays.fill(localLevel[k], -1);
        }
    }

    public DMatrixRMaj xvx() {
        return xvx;
    }

    public DMatrixRMaj[] p() {
        return pMat;
    }

    public DMatrixRMaj[][] q() {
        return qMat;
    }

    public double[][] kTrace() {
        return kTrace;
    }

    /** Adds the contribution of the rows {@code order[from..to)}. */
    public void addBlock(int[] order, int from, int to) {
        List<RandomTerm> terms = design.random();
        int nTerms = terms.size();
        int[] offset = new int[nTerms];
        int[] levels = new int[nTerms];
        List<int[]> touched = new ArrayList<>(nTerms);
        int qTotal = 0;
        for (int k = 0; k < nTerms; k++) {
            RandomTerm t = terms.get(k);
            int[] seen = new int[to - from];
            int m = 0;
            for (int idx = from; idx < to; idx++) {
                int l = t.levelOfRow()[order[idx]];
                if (localLevel[k][l] < 0) {
                    localLevel[k][l] = m;
                    seen[m++] = l;
                }
            }
            touched.add(Arrays.copyOf(seen, m));
            offset[k] = qTotal;
            levels[k] = m;
            qTotal += m * t.effects();
        }
        try {
            compute(order, from, to, offset, levels, qTotal);
        } finally {
            for (int k = 0; k < nTerms; k++) {
                for (int l : touched.get(k)) localLevel[k][l] = -1;
            }
        }
    }

    private void compute(int[] order, int from, int to, int[] offset, int[] levels, int nq) {
        List<RandomTerm> terms = design.random();
        double[] x = design.fixed().values();
        DMatrixRMaj s = new DMatrixRMaj(nq, nq);
        DMatrixRMaj b = new DMatrixRMaj(nq, p);
        DMatrixRMaj xx = new DMatrixRMaj(p, p);
        int[] col = new int[nq];
        double[] val = new double[nq];
        for (int idx = from; idx < to; idx++) {
            int i = order[idx];
            int nz = 0;
            for (int k = 0; k < terms.size(); k++) {
                RandomTerm t = terms.get(k);
                int q = t.effects();
                int base = offset[k] + localLevel[k][t.levelOfRow()[i]] * q;
                for (int e = 0; e < q; e++) {
                    col[nz] = base + e;
                    val[nz++] = t.z()[i * q + e];
                }
            }
            int xo = i * p;
            for (int u = 0; u < nz; u++) {
                double vu = val[u];
                if (vu == 0) continue;
                int cu = col[u];
                for (int w = 0; w < nz; w++) s.data[cu * nq + col[w]] += vu * val[w];
                for (int c = 0; c < p; c++) b.data[cu * p + c] += vu * x[xo + c];
            }
            for (int c = 0; c < p; c++) {
                double xc = x[xo + c];
                if (xc == 0) continue;
                for (int d = 0; d < p; d++) xx.data[c * p + d] += xc * x[xo + d];
            }
        }
        int n = to - from;

        // L: block-diagonal square root of Cov(b) within the block
        DMatrixRMaj lam = new DMatrixRMaj(nq, nq);
        for (int k = 0; k < terms.size(); k++) {
            int q = terms.get(k).effects();
            DMatrixRMaj f = factors[k];
            for (int l = 0; l < levels[k]; l++) {
                int base = offset[k] + l * q;
                for (int a = 0; a < q; a++) {
                    for (int c = 0; c < q; c++) lam.data[(base + a) * nq + base + c] = f.get(a, c);
                }
            }
        }
        DMatrixRMaj sl = mult(s, lam);
        DMatrixRMaj tm = multTransA(lam, sl);
        for (int a = 0; a < nq; a++) tm.data[a * nq + a] += sigma2;
        DMatrixRMaj tInvLt = solveSpd(tm, transpose(lam));
        DMatrixRMaj c = mult(lam, tInvLt);
        symmetrize(c);

        double inv = 1.0 / sigma2;
        DMatrixRMaj cs = mult(c, s);
        DMatrixRMaj e = CommonOps_DDRM.identity(nq);
        CommonOps_DDRM.subtractEquals(e, cs);
        // M = Z'V^-1 Z = sigma^-2 S E
        DMatrixRMaj m = mult(s, e);
        CommonOps_DDRM.scale(inv, m);
        symmetrize(m);
        // ZVX = Z'V^-1 X = sigma^-2 (B - S C B)
        DMatrixRMaj cb = mult(c, b);
        DMatrixRMaj zvx = mult(s, cb);
        CommonOps_DDRM.changeSign(zvx);
        CommonOps_DDRM.addEquals(zvx, b);
        CommonOps_DDRM.scale(inv, zvx);
        // X'V^-1 X = sigma^-2 (XX - B'CB)
        DMatrixRMaj btcb = multTransA(b, cb);
        DMatrixRMaj xvxBlock = xx.copy();
        CommonOps_DDRM.subtractEquals(xvxBlock, btcb);
        CommonOps_DDRM.scale(inv, xvxBlock);
        CommonOps_DDRM.addEquals(xvx, xvxBlock);
        // X'V^-2 X = sigma^-4 (XX - 2 B'CB + (CB)'S(CB))
        DMatrixRMaj xv2x = multTransA(cb, mult(s, cb));
        CommonOps_DDRM.addEquals(xv2x, xx);
        CommonOps_DDRM.addEquals(xv2x, -2.0, btcb);
        CommonOps_DDRM.scale(inv * inv, xv2x);
        symmetrize(xv2x);
        // Z'V^-2 X = sigma^-2 E' ZVX ; Z'V^-2 Z = sigma^-4 E'SE
        DMatrixRMaj zv2x = multTransA(e, zvx);
        CommonOps_DDRM.scale(inv, zv2x);
        DMatrixRMaj zv2z = multTransA(e, mult(s, e));
        CommonOps_DDRM.scale(inv * inv, zv2z);
        // tr(V^-2) = sigma^-4 (n - 2 tr(CS) + tr(CSCS))
        double trCs = CommonOps_DDRM.trace(cs);
        double trCsCs = 0;
        for (int a = 0; a < nq; a++) {
            for (int d = 0; d < nq; d++) trCsCs += cs.data[a * nq + d] * cs.data[d * nq + a];
        }
        double trV2 = inv * inv * (n - 2 * trCs + trCsCs);
        // X'V^-3 X = sigma^-2 (X'V^-2 X - ZVX' C ZVX)
        DMatrixRMaj xv3x = multTransA(zvx, mult(c, zvx));
        CommonOps_DDRM.changeSign(xv3x);
        CommonOps_DDRM.addEquals(xv3x, xv2x);
        CommonOps_DDRM.scale(inv, xv3x);

        // entries (i, j) of each parameter's D_r within the block
        int[][] entries = new int[nParams][];
        for (int r = 0; r < nParams; r++) entries[r] = entries(params.get(r), offset, levels);

        // M D_s ZVX for random s
        DMatrixRMaj[] mdz = new DMatrixRMaj[nParams];
        for (int r = 0; r < nParams; r++) {
            if (params.get(r).residual()) continue;
            DMatrixRMaj dz = new DMatrixRMaj(nq, p);
            int[] en = entries[r];
            for (int t = 0; t < en.length; t += 2) {
                int i = en[t], j = en[t + 1];
                for (int cc = 0; cc < p; cc++) dz.data[i * p + cc] += zvx.data[j * p + cc];
            }
            mdz[r] = mult(m, dz);
        }

        for (int r = 0; r < nParams; r++) {
            VarianceParameter pr = params.get(r);
            int[] er = entries[r];
            if (pr.residual()) {
                CommonOps_DDRM.subtractEquals(pMat[r], xv2x);
            } else {
                addOuter(pMat[r], -1.0, er, zvx, zvx);
            }
            for (int s2 = r; s2 < nParams; s2++) {
                VarianceParameter ps = params.get(s2);
                int[] es = entries[s2];
                if (!pr.residual() && !ps.residual()) {
                    double tr = 0;
                    for (int t = 0; t < er.length; t += 2) {
                        int i = er[t], j = er[t + 1];
                        for (int u = 0; u < es.length; u += 2) {
                            tr += m.data[j * nq + es[u]] * m.data[es[u + 1] * nq + i];
                        }
                    }
                    kTrace[r][s2] += tr;
                    addOuter(qMat[r][s2], 1.0, er, zvx, mdz[s2]);
                } else if (!pr.residual()) {
                    double tr = 0;
                    for (int t = 0; t < er.length; t += 2) tr += zv2z.data[er[t + 1] * nq + er[t]];
                    kTrace[r][s2] += tr;
                    addOuter(qMat[r][s2], 1.0, er, zvx, zv2x);
                } else if (!ps.residual()) {
                    double tr = 0;
                    for (int t = 0; t < es.length; t += 2) tr += zv2z.data[es[t + 1] * nq + es[t]];
                    kTrace[r][s2] += tr;
                    addOuter(qMat[r][s2], 1.0, es, zv2x, zvx);
                } else {
                    kTrace[r][s2] += trV2;
                    CommonOps_DDRM.addEquals(qMat[r][s2], xv3x);
                }
            }
        }
    }

    /** Pairs (i, j), flattened, of the non-zero entries (all equal to 1) of D_r in the block. */
    private int[] entries(VarianceParameter par, int[] offset, int[] levels) {
        if (par.residual()) return new int[0];
        int k = par.term();
        int q = design.random().get(k).effects();
        int per = par.a() == par.b() ? 1 : 2;
        int[] en = new int[levels[k] * per * 2];
        int t = 0;
        for (int l = 0; l < levels[k]; l++) {
            int base = offset[k] + l * q;
            en[t++] = base + par.a();
            en[t++] = base + par.b();
            if (per == 2) {
                en[t++] = base + par.b();
                en[t++] = base + par.a();
            }
        }
        return en;
    }

    /** target += w * sum over entries (i, j) of left[i,:]' right[j,:]. */
    private void addOuter(DMatrixRMaj target, double w, int[] en, DMatrixRMaj left, DMatrixRMaj right) {
        for (int t = 0; t < en.length; t += 2) {
            int i = en[t], j = en[t + 1];
            for (int a = 0; a < p; a++) {
                double la = w * left.data[i * p + a];
                if (la == 0) continue;
                for (int d = 0; d < p; d++) target.data[a * p + d] += la * right.data[j * p + d];
            }
        }
    }

    static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
        CommonOps_DDRM.mult(a, b, c);
        return c;
    }

    static DMatrixRMaj multTransA(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numCols, b.numCols);
        CommonOps_DDRM.multTransA(a, b, c);
        return c;
    }

    static DMatrixRMaj transpose(DMatrixRMaj a) {
        return CommonOps_DDRM.transpose(a, null);
    }

    static void symmetrize(DMatrixRMaj a) {
        int n = a.numRows;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double v = 0.5 * (a.data[i * n + j] + a.data[j * n + i]);
                a.data[i * n + j] = v;
                a.data[j * n + i] = v;
            }
        }
    }

    /** Solves A X = B for symmetric positive definite A. */
    static DMatrixRMaj solveSpd(DMatrixRMaj a, DMatrixRMaj b) {
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(a.numRows);
        DMatrixRMaj x = new DMatrixRMaj(a.numRows, b.numCols);
        if (!solver.setA(a.copy())) {
            solver = LinearSolverFactory_DDRM.lu(a.numRows);
            if (!solver.setA(a.copy())) throw new ArithmeticException("singular matrix");
        }
        solver.solve(b, x);
        return x;
    }
}
