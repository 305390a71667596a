package org.multilevel.lmm.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Supernodal multifrontal Cholesky of the whole penalized system [Lambda'Z'Z Lambda + I, Lambda'Z'[X y];
 * ., [X y]'[X y]] for any structure (crossed or nested), in the fill-reducing order of {@link SparseSymbolic}
 * with the fixed effects and the response last. The symbolic analysis is done once; each theta assembles
 * every supernode's frontal matrix from the crossproducts and its children's updates and eliminates the
 * supernode's columns with dense kernels ({@link DenseCholesky#partial}). The last front ends with the
 * fixed-effects block, so R_X, r_X and r come out as in lme4's blocked scheme. Stateless per call.
 */
public final class SparseCholesky implements CholeskyEngine {
    private final Crossproducts cp;
    private final SparseSymbolic sym;
    private final int w;
    /** total scalar random effects (the fixed block starts here) */
    private final int qTotal;
    /** per node: factor, level, local column in its supernode's front */
    private final int[] factorOf;
    private final int[] levelOf;
    private final int[] localCol;
    /** per node: later neighbors (node, cross block, whether the block is stored as neighbor x node, local row) */
    private final int[][] nbrNode;
    private final double[][][] nbrBlock;
    private final boolean[][] nbrTransposed;
    private final int[][] nbrRow;
    /** the supernode of each scalar column */
    private final int[] superOfScalar;

    public SparseCholesky(Crossproducts cp) {
        this(cp, new SparseSymbolic(cp));
    }

    SparseCholesky(Crossproducts cp, SparseSymbolic sym) {
        this.cp = cp;
        this.sym = sym;
        this.w = cp.width;
        int nodes = sym.nodes;
        this.qTotal = sym.scalarStart[nodes - 1];
        factorOf = new int[nodes];
        levelOf = new int[nodes];
        int kk = cp.factorCount();
        for (int k = 0; k < kk; k++)
            for (int j = 0; j < cp.m[k]; j++) {
                factorOf[base(k) + j] = k;
                levelOf[base(k) + j] = j;
            }
        factorOf[nodes - 1] = -1;
        localCol = new int[nodes];
        for (int v = 0; v < nodes; v++) {
            int t = sym.pos[v];
            localCol[v] = sym.scalarStart[t] - sym.scalarStart[sym.superStart[sym.superOf[t]]];
        }
        // neighbor lists in both directions, kept only towards later positions
        List<List<Object[]>> lists = new ArrayList<>(nodes);
        for (int v = 0; v < nodes; v++) lists.add(new ArrayList<>());
        for (int k = 0; k < kk; k++)
            for (int j = 0; j < cp.m[k]; j++)
                for (Crossproducts.Neighbor nb : cp.neighbors[k][j]) {
                    int a = base(k) + j;
                    int b = base(nb.factor()) + nb.level();
                    if (sym.pos[b] > sym.pos[a]) lists.get(a).add(new Object[] {b, nb.block(), false});
                    else lists.get(b).add(new Object[] {a, nb.block(), true});
                }
        nbrNode = new int[nodes][];
        nbrBlock = new double[nodes][][];
        nbrTransposed = new boolean[nodes][];
        nbrRow = new int[nodes][];
        int[] localOf = new int[sym.scalarStart[nodes]];
        for (int s = 0; s < sym.supers; s++) {
            int[] r = sym.rows[s];
            for (int i = 0; i < r.length; i++) localOf[r[i]] = i;
            for (int t = sym.superStart[s]; t < sym.superStart[s + 1]; t++) {
                int v = sym.nodeAt[t];
                List<Object[]> l = lists.get(v);
                int c = l.size();
                nbrNode[v] = new int[c];
                nbrBlock[v] = new double[c][];
                nbrTransposed[v] = new boolean[c];
                nbrRow[v] = new int[c];
                for (int i = 0; i < c; i++) {
                    Object[] o = l.get(i);
                    int u = (Integer) o[0];
                    nbrNode[v][i] = u;
                    nbrBlock[v][i] = (double[]) o[1];
                    nbrTransposed[v][i] = (Boolean) o[2];
                    nbrRow[v][i] = localOf[sym.scalarStart[sym.pos[u]]];
                }
            }
        }
        superOfScalar = new int[sym.scalarStart[nodes]];
        for (int s = 0; s < sym.supers; s++) {
            Arrays.fill(superOfScalar, sym.scalarStart[sym.superStart[s]], sym.scalarStart[sym.superStart[s + 1]], s);
        }
    }

    private int base(int k) {
        return sym.base[k];
    }

    /** The factor's shape in one line. */
    public String describe() {
        return sym.describe();
    }

    /** Estimated floating-point operations of one numeric factorization. */
    public double flops() {
        return sym.flops;
    }

    /** Entries of the supernodal factor (explicit zeros inside supernodes included). */
    public long factorDoubles() {
        return sym.factorDoubles;
    }

    /** Estimated bytes one factorization holds at its peak (factor, fronts, pending updates). */
    public long bytes() {
        return 8L * (sym.factorDoubles + sym.peakWorkDoubles);
    }

    @Override
    public Factorization factor(double[][] lambda) {
        int supers = sym.supers;
        double[][] l = new double[supers][];
        double[][] update = new double[supers][];
        int root = supers - 1;
        int qmax = 1;
        for (int q : cp.q) qmax = Math.max(qmax, q);
        double[] tmp = new double[Math.max(qmax * qmax, qmax * w)];
        double ld = 0;
        for (int s = 0; s < supers; s++) {
            int[] rows = sym.rows[s];
            int m = rows.length;
            int nc = sym.columns(s);
            double[] f = new double[m * m];
            int lf = m - w;   // the fixed rows are the last w of every front
            for (int t = sym.superStart[s]; t < sym.superStart[s + 1]; t++) {
                int v = sym.nodeAt[t];
                int lc = localCol[v];
                int k = factorOf[v];
                if (k < 0) {
                    for (int a = 0; a < w; a++)
                        for (int b = 0; b <= a; b++) f[(lc + a) * m + lc + b] += cp.xyxy[a * w + b];
                    continue;
                }
                int q = cp.q[k];
                int j = levelOf[v];
                double[] lk = lambda[k];
                if (q == 1) {
                    // scalar random effect: lambda^2 z'z + 1, and lambda z'[X y] (no small-matrix products)
                    double lam = lk[0];
                    f[lc * m + lc] += lam * lam * cp.zz[k][j] + 1.0;
                    double[] zx = cp.zxy[k];
                    for (int a = 0; a < w; a++) f[(lf + a) * m + lc] += lam * zx[j * w + a];
                    int[] nn = nbrNode[v];
                    int[] nr = nbrRow[v];
                    double[][] nb = nbrBlock[v];
                    for (int i = 0; i < nn.length; i++) {
                        int kl = factorOf[nn[i]];
                        double[] blk = nb[i];
                        if (cp.q[kl] == 1) {
                            f[nr[i] * m + lc] += lam * blk[0] * lambda[kl][0];
                        } else {
                            assembleCross(f, m, lc, v, i, lk, 1, lambda[kl], cp.q[kl], tmp);
                        }
                    }
                    continue;
                }
                Small.congruence(lk, q, cp.zz[k], j * q * q, lk, q, tmp, 0, q);
                for (int a = 0; a < q; a++) {
                    for (int b = 0; b <= a; b++) f[(lc + a) * m + lc + b] += tmp[a * q + b];
                    f[(lc + a) * m + lc + a] += 1.0;
                }
                int[] nn = nbrNode[v];
                for (int i = 0; i < nn.length; i++) {
                    int kl = factorOf[nn[i]];
                    assembleCross(f, m, lc, v, i, lk, q, lambda[kl], cp.q[kl], tmp);
                }
                Small.leftTransposed(lk, q, cp.zxy[k], j * q * w, w, tmp, 0, w);   // q x w
                for (int a = 0; a < w; a++)
                    for (int b = 0; b < q; b++) f[(lf + a) * m + lc + b] += tmp[b * w + a];
            }
            for (int c : sym.children[s]) {
                int[] rel = sym.relative[c];
                double[] u = update[c];
                int r = rel.length;
                for (int i = 0; i < r; i++) {
                    int fi = rel[i] * m;
                    int ui = i * r;
                    for (int jj = 0; jj <= i; jj++) f[fi + rel[jj]] += u[ui + jj];
                }
                update[c] = null;
            }
            if (s == root) {
                // all but the response column; the response's pivot is r, which may be 0 (exact fit)
                if (!DenseCholesky.partial(f, m, m - 1, m)) return null;
                double rr = f[(m - 1) * m + m - 1];
                f[(m - 1) * m + m - 1] = Math.sqrt(Math.max(rr, 0.0));
                for (int i = 0; i < m; i++)
                    for (int jj = i + 1; jj < m; jj++) f[i * m + jj] = 0.0;
                for (int c = 0; c < nc - w; c++) ld += Math.log(f[c * m + c]);
                l[s] = f;
            } else {
                if (!eliminate(f, m, nc)) return null;
                for (int c = 0; c < nc; c++) ld += Math.log(f[c * m + c]);
                double[] ls = new double[m * nc];
                for (int i = 0; i < m; i++) {
                    int lim = Math.min(i + 1, nc);
                    System.arraycopy(f, i * m, ls, i * nc, lim);
                }
                l[s] = ls;
                int r = m - nc;
                double[] u = new double[r * r];
                for (int i = 0; i < r; i++) System.arraycopy(f, (nc + i) * m + nc, u, i * r, i + 1);
                update[s] = u;
            }
        }
        return new Result(l, 2 * ld);
    }

    /** Adds the cross block of node v with its i-th later neighbor (rows of the neighbor, columns of v). */
    private void assembleCross(double[] f, int m, int lc, int v, int i, double[] lk, int q, double[] ll, int ql,
                               double[] tmp) {
        int lr = nbrRow[v][i];
        double[] blk = nbrBlock[v][i];
        if (!nbrTransposed[v][i]) {
            Small.congruence(lk, q, blk, 0, ll, ql, tmp, 0, ql);   // q x ql
            for (int a = 0; a < ql; a++)
                for (int b = 0; b < q; b++) f[(lr + a) * m + lc + b] += tmp[b * ql + a];
        } else {
            // blk is ql x q: Lambda_l' blk Lambda_k is ql x q, rows already the neighbor's
            Small.congruence(ll, ql, blk, 0, lk, q, tmp, 0, q);
            for (int a = 0; a < ql; a++)
                for (int b = 0; b < q; b++) f[(lr + a) * m + lc + b] += tmp[a * q + b];
        }
    }

    /** Fronts with fewer columns than this are eliminated column by column (no panel copies, no threads). */
    private static final int SMALL_FRONT = 8;

    /** Eliminates the first nc columns of the m x m front (lower triangle), leaving the update below. */
    private static boolean eliminate(double[] f, int m, int nc) {
        if (nc >= SMALL_FRONT) return DenseCholesky.partial(f, m, nc, m);
        for (int c = 0; c < nc; c++) {
            int rc = c * m;
            double d = f[rc + c];
            if (!(d > 0)) return false;
            d = Math.sqrt(d);
            f[rc + c] = d;
            double inv = 1.0 / d;
            for (int i = c + 1; i < m; i++) f[i * m + c] *= inv;
            // rank-one update of the trailing lower triangle
            for (int i = c + 1; i < m; i++) {
                int ri = i * m;
                double v = f[ri + c];
                if (v == 0.0) continue;
                for (int j = c + 1; j <= i; j++) f[ri + j] -= v * f[j * m + c];
            }
        }
        return true;
    }

    private final class Result implements Factorization {
        private final double[][] l;
        private final double ldL2;
        private final int mRoot;
        private final int fixedOff;

        Result(double[][] l, double ldL2) {
            this.l = l;
            this.ldL2 = ldL2;
            this.mRoot = sym.rows[sym.supers - 1].length;
            this.fixedOff = (mRoot - w) * mRoot + (mRoot - w);
        }

        @Override
        public double ldL2() {
            return ldL2;
        }

        @Override
        public double ldRX2() {
            return FixedBlock.ldRX2(l[sym.supers - 1], fixedOff, mRoot, cp.p);
        }

        @Override
        public double r2() {
            return FixedBlock.r2(l[sym.supers - 1], fixedOff, mRoot, cp.p);
        }

        @Override
        public double[] rxInverse() {
            return FixedBlock.inverse(l[sym.supers - 1], fixedOff, mRoot, cp.p);
        }

        /** [u; beta] by scalar position (the response position unused): back substitution L^T x = r. */
        private double[] solution() {
            double[] x = new double[qTotal + w];
            for (int s = sym.supers - 1; s >= 0; s--) {
                int[] rows = sym.rows[s];
                int m = rows.length;
                int nc = sym.columns(s);
                double[] ls = l[s];
                int st = s == sym.supers - 1 ? m : nc;
                int last = s == sym.supers - 1 ? nc - 2 : nc - 1;
                for (int c = last; c >= 0; c--) {
                    double v = ls[(m - 1) * st + c];
                    for (int i = c + 1; i < m - 1; i++) v -= ls[i * st + c] * x[rows[i]];
                    x[rows[c]] = v / ls[c * st + c];
                }
            }
            return x;
        }

        @Override
        public double[] beta() {
            return Arrays.copyOfRange(solution(), qTotal, qTotal + cp.p);
        }

        @Override
        public double[][] u() {
            double[] x = solution();
            int kk = cp.factorCount();
            double[][] u = new double[kk][];
            for (int k = 0; k < kk; k++) {
                int q = cp.q[k];
                u[k] = new double[cp.m[k] * q];
                for (int j = 0; j < cp.m[k]; j++) {
                    int sc = sym.scalarStart[sym.pos[base(k) + j]];
                    System.arraycopy(x, sc, u[k], j * q, q);
                }
            }
            return u;
        }

        /**
         * Diagonal blocks of (L_Z L_Z')^-1 by the selected inverse (Takahashi's equations, supernode by
         * supernode from the last): with Y = L_IJ L_JJ^-1, Sigma_IJ = -Sigma_II Y and
         * Sigma_JJ = L_JJ^-T L_JJ^-1 - Y' Sigma_IJ; Sigma_II lies inside the pattern of the later supernodes.
         */
        @Override
        public double[][] condCov() {
            int supers = sym.supers;
            double[][] sigma = new double[supers][];
            int[] ncr = new int[supers];
            for (int s = supers - 1; s >= 0; s--) {
                int[] rows = sym.rows[s];
                int m = rows.length;
                int nc = sym.columns(s);
                boolean root = s == supers - 1;
                int st = root ? m : nc;
                int nj = root ? nc - w : nc;
                ncr[s] = nj;
                int ni = m - w - nj;       // random rows below the supernode's columns
                double[] ls = l[s];
                double[] ljj = new double[nj * nj];
                for (int i = 0; i < nj; i++) System.arraycopy(ls, i * st, ljj, i * nj, i + 1);
                double[] linv = Small.invertLower(ljj, 0, nj);
                // Y = L_IJ L_JJ^-1 (ni x nj)
                double[] y = new double[ni * nj];
                for (int i = 0; i < ni; i++) {
                    int li = (nj + i) * st;
                    for (int kx = 0; kx < nj; kx++) {
                        double v = ls[li + kx];
                        if (v == 0.0) continue;
                        int lk = kx * nj;
                        for (int c = 0; c <= kx; c++) y[i * nj + c] += v * linv[lk + c];
                    }
                }
                double[] sg = new double[(m - w) * nj];
                // Sigma_IJ = -Sigma_II Y, Sigma_II read from the later supernodes
                int off = nj * nj;
                int i2 = 0;
                int[] local = new int[ni];
                while (i2 < ni) {
                    int r2 = rows[nj + i2];
                    int tsn = superOfScalar[r2];
                    int[] rt = sym.rows[tsn];
                    int colStart = rt[0];
                    int ncT = ncr[tsn];
                    double[] st2 = sigma[tsn];
                    // local rows in T of rows i2.. (they all lie in T's pattern)
                    int ptr = 0;
                    for (int i = i2; i < ni; i++) {
                        int r = rows[nj + i];
                        while (rt[ptr] != r) ptr++;
                        local[i] = ptr;
                    }
                    int end = i2;
                    while (end < ni && superOfScalar[rows[nj + end]] == tsn) end++;
                    for (int b = i2; b < end; b++) {
                        int c2 = rows[nj + b] - colStart;
                        for (int a = b; a < ni; a++) {
                            double z = st2[local[a] * ncT + c2];
                            if (z == 0.0) continue;
                            int ya = a * nj;
                            int yb = b * nj;
                            int sa = off + a * nj;
                            int sb = off + b * nj;
                            for (int c = 0; c < nj; c++) sg[sa + c] -= z * y[yb + c];
                            if (a != b) for (int c = 0; c < nj; c++) sg[sb + c] -= z * y[ya + c];
                        }
                    }
                    i2 = end;
                }
                // Sigma_JJ = Linv' Linv - Y' Sigma_IJ
                for (int kx = 0; kx < nj; kx++)
                    for (int a = 0; a <= kx; a++) {
                        double v = linv[kx * nj + a];
                        if (v == 0.0) continue;
                        for (int b = 0; b <= kx; b++) sg[a * nj + b] += v * linv[kx * nj + b];
                    }
                for (int i = 0; i < ni; i++)
                    for (int a = 0; a < nj; a++) {
                        double v = y[i * nj + a];
                        if (v == 0.0) continue;
                        int si = off + i * nj;
                        for (int b = 0; b < nj; b++) sg[a * nj + b] -= v * sg[si + b];
                    }
                sigma[s] = sg;
            }
            int kk = cp.factorCount();
            double[][] out = new double[kk][];
            for (int k = 0; k < kk; k++) {
                int q = cp.q[k];
                out[k] = new double[cp.m[k] * q * q];
                for (int j = 0; j < cp.m[k]; j++) {
                    int v = base(k) + j;
                    int s = sym.superOf[sym.pos[v]];
                    int lc = localCol[v];
                    for (int a = 0; a < q; a++)
                        for (int b = 0; b < q; b++) out[k][j * q * q + a * q + b] = sigma[s][(lc + a) * ncr[s] + lc + b];
                }
            }
            return out;
        }
    }
}
