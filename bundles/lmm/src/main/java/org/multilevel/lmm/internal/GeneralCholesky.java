package org.multilevel.lmm.internal;

/**
 * Blocked Cholesky for any structure (crossed or nested): the first factor (most levels) is eliminated
 * level by level (block diagonal); the Schur complement of the remaining factors, together with the
 * fixed-effects-and-response block, is a dense matrix factored as a whole.
 */
public final class GeneralCholesky implements CholeskyEngine {
    private final Crossproducts cp;
    private final int kk;
    private final int[] restOff;   // offset of factor k >= 1 in the dense block
    private final int rest;        // R: dense random-effects dimension
    private final int size;        // N = R + p + 1
    /** per level of factor 0: rest index, width and factor of each neighbor, then the fixed block. */
    private final int[][] nbrIndex;
    private final int[][] nbrWidth;
    private final int[] nbrTotal;
    private final int[][] nbrCol;      // column of each neighbor inside G_j
    /** Dense block rows touched by factor 0 (start index), and per row its (level, neighbor slot) entries. */
    private final int[] rowStart;
    private final int[] rowEntry;
    private final int[] entryLevel;
    private final int[] entrySlot;
    /** Below this many levels a loop over levels is not worth sharing between threads. */
    private static final int PARALLEL_LEVELS = 512;

    public GeneralCholesky(Crossproducts cp) {
        this.cp = cp;
        this.kk = cp.factorCount();
        restOff = new int[kk];
        int r = 0;
        for (int k = 1; k < kk; k++) {
            restOff[k] = r;
            r += cp.m[k] * cp.q[k];
        }
        rest = r;
        size = rest + cp.width;
        int m0 = cp.m[0];
        nbrIndex = new int[m0][];
        nbrWidth = new int[m0][];
        nbrTotal = new int[m0];
        for (int j = 0; j < m0; j++) {
            Crossproducts.Neighbor[] nb = cp.neighbors[0][j];
            nbrIndex[j] = new int[nb.length + 1];
            nbrWidth[j] = new int[nb.length + 1];
            int tot = 0;
            for (int t = 0; t < nb.length; t++) {
                nbrIndex[j][t] = restOff[nb[t].factor()] + nb[t].level() * cp.q[nb[t].factor()];
                nbrWidth[j][t] = cp.q[nb[t].factor()];
                tot += nbrWidth[j][t];
            }
            nbrIndex[j][nb.length] = rest;
            nbrWidth[j][nb.length] = cp.width;
            nbrTotal[j] = tot + cp.width;
        }
        nbrCol = new int[m0][];
        int[] count = new int[size + 1];
        for (int j = 0; j < m0; j++) {
            nbrCol[j] = new int[nbrIndex[j].length];
            int col = 0;
            for (int t = 0; t < nbrIndex[j].length; t++) {
                nbrCol[j][t] = col;
                col += nbrWidth[j][t];
                count[nbrIndex[j][t]]++;
            }
        }
        int rows = 0;
        int entries = 0;
        int[] rowOf = new int[size];
        for (int i = 0; i < size; i++) {
            if (count[i] > 0) rowOf[i] = rows++;
            entries += count[i];
        }
        rowStart = new int[rows];
        rowEntry = new int[rows + 1];
        for (int i = 0, row = 0; i < size; i++) {
            if (count[i] == 0) continue;
            rowStart[row] = i;
            rowEntry[row + 1] = rowEntry[row] + count[i];
            row++;
        }
        entryLevel = new int[entries];
        entrySlot = new int[entries];
        int[] fill = java.util.Arrays.copyOf(rowEntry, rows);
        for (int j = 0; j < m0; j++) {      // ascending levels within each row
            for (int t = 0; t < nbrIndex[j].length; t++) {
                int e = fill[rowOf[nbrIndex[j][t]]]++;
                entryLevel[e] = j;
                entrySlot[e] = t;
            }
        }
    }

    private static void levels(int count, java.util.function.IntConsumer body) {
        if (count >= PARALLEL_LEVELS) java.util.stream.IntStream.range(0, count).parallel().forEach(body);
        else for (int i = 0; i < count; i++) body.accept(i);
    }

    @Override
    public Factorization factor(double[][] lambda) {
        int n = size;
        int w = cp.width;
        double[] s = new double[n * n];
        // dense part: factors 1.. and the fixed block
        for (int k = 1; k < kk; k++) {
            int q = cp.q[k];
            for (int i = 0; i < cp.m[k]; i++) {
                int ri = restOff[k] + i * q;
                Small.congruence(lambda[k], q, cp.zz[k], i * q * q, lambda[k], q, s, ri * n + ri, n);
                for (int a = 0; a < q; a++) s[(ri + a) * n + ri + a] += 1.0;
                Small.leftTransposed(lambda[k], q, cp.zxy[k], i * q * w, w, s, ri * n + rest, n);
                for (Crossproducts.Neighbor nb : cp.neighbors[k][i]) {
                    int l = nb.factor();
                    int rl = restOff[l] + nb.level() * cp.q[l];
                    Small.congruence(lambda[k], q, nb.block(), 0, lambda[l], cp.q[l], s, ri * n + rl, n);
                }
            }
        }
        for (int a = 0; a < w; a++)
            for (int b = 0; b < w; b++) s[(rest + a) * n + rest + b] = cp.xyxy[a * w + b];
        // first factor: one small Cholesky per level, its update goes into the dense part
        int q0 = cp.q[0];
        int m0 = cp.m[0];
        double[] d = new double[m0 * q0 * q0];
        double[][] g = new double[m0][];
        double[] logs = new double[m0 * q0];
        boolean[] failed = new boolean[1];
        // per level: its small Cholesky and G_j = D_j^-1 (its cross blocks); levels are independent
        levels(m0, j -> {
            int off = j * q0 * q0;
            Small.congruence(lambda[0], q0, cp.zz[0], off, lambda[0], q0, d, off, q0);
            for (int a = 0; a < q0; a++) d[off + a * q0 + a] += 1.0;
            if (!Small.cholesky(d, off, q0)) {
                failed[0] = true;
                return;
            }
            for (int a = 0; a < q0; a++) logs[j * q0 + a] = Math.log(d[off + a * q0 + a]);
            int tot = nbrTotal[j];
            double[] gj = new double[q0 * tot];
            Crossproducts.Neighbor[] nb = cp.neighbors[0][j];
            int col = 0;
            for (Crossproducts.Neighbor x : nb) {
                int l = x.factor();
                Small.congruence(lambda[0], q0, x.block(), 0, lambda[l], cp.q[l], gj, col, tot);
                col += cp.q[l];
            }
            Small.leftTransposed(lambda[0], q0, cp.zxy[0], j * q0 * w, w, gj, col, tot);
            Small.forwardSolve(d, off, q0, gj, 0, tot);
            g[j] = gj;
        });
        if (failed[0]) return null;
        double ld = 0;
        for (double v : logs) ld += v;
        // Schur update S -= G^T G, one dense block row at a time (each row stays in cache; rows are
        // disjoint, so they can be shared between threads); within a row the levels come in ascending
        // order, so every entry receives the same subtractions in the same order as level by level
        levels(rowStart.length, r -> {
            for (int e = rowEntry[r]; e < rowEntry[r + 1]; e++) {
                int j = entryLevel[e];
                int a = entrySlot[e];
                double[] gj = g[j];
                int tot = nbrTotal[j];
                int[] idx = nbrIndex[j];
                int[] wid = nbrWidth[j];
                int[] cols = nbrCol[j];
                int base = idx[a] * n;
                for (int b = 0; b < idx.length; b++) {
                    if (idx[b] >= idx[a]) {
                        Small.subtractAtB(gj, cols[a], tot, gj, cols[b], tot, q0, wid[a], wid[b], s, base + idx[b], n);
                    }
                }
            }
        });
        // symmetrize from the upper triangle (only blocks with column >= row were written)
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) s[j * n + i] = s[i * n + j];
        if (!DenseCholesky.factor(s, n - 1, n)) return null;
        NestedCholesky.completeLastRow(s, n);
        for (int i = 0; i < rest; i++) ld += Math.log(s[i * n + i]);
        return new Result(d, g, s, 2 * ld);
    }

    private final class Result implements Factorization {
        private final double[] d;
        private final double[][] g;
        private final double[] s;
        private final double ldL2;

        Result(double[] d, double[][] g, double[] s, double ldL2) {
            this.d = d;
            this.g = g;
            this.s = s;
            this.ldL2 = ldL2;
        }

        @Override
        public double ldL2() {
            return ldL2;
        }

        @Override
        public double ldRX2() {
            return FixedBlock.ldRX2(s, rest * size + rest, size, cp.p);
        }

        @Override
        public double r2() {
            return FixedBlock.r2(s, rest * size + rest, size, cp.p);
        }

        @Override
        public double[] rxInverse() {
            return FixedBlock.inverse(s, rest * size + rest, size, cp.p);
        }

        /** [u_rest; beta] from the dense factor. */
        private double[] denseSolution() {
            int n = size;
            int m = n - 1;
            double[] x = new double[m];
            for (int i = 0; i < m; i++) x[i] = s[(n - 1) * n + i];
            for (int i = m - 1; i >= 0; i--) {
                double v = x[i];
                for (int k = i + 1; k < m; k++) v -= s[k * n + i] * x[k];
                x[i] = v / s[i * n + i];
            }
            return x;
        }

        @Override
        public double[] beta() {
            double[] x = denseSolution();
            double[] b = new double[cp.p];
            System.arraycopy(x, rest, b, 0, cp.p);
            return b;
        }

        @Override
        public double[][] u() {
            double[] x = denseSolution();
            double[][] u = new double[kk][];
            for (int k = 1; k < kk; k++) {
                u[k] = new double[cp.m[k] * cp.q[k]];
                System.arraycopy(x, restOff[k], u[k], 0, u[k].length);
            }
            int q0 = cp.q[0];
            int p = cp.p;
            u[0] = new double[cp.m[0] * q0];
            for (int j = 0; j < cp.m[0]; j++) {
                double[] gj = g[j];
                int tot = nbrTotal[j];
                int[] idx = nbrIndex[j];
                int[] wid = nbrWidth[j];
                for (int a = 0; a < q0; a++) {
                    int col = 0;
                    double v = 0;
                    for (int t = 0; t < idx.length; t++) {
                        if (t == idx.length - 1) {
                            v += gj[a * tot + col + p];           // response column
                            for (int b = 0; b < p; b++) v -= gj[a * tot + col + b] * x[rest + b];
                        } else {
                            for (int b = 0; b < wid[t]; b++) v -= gj[a * tot + col + b] * x[idx[t] + b];
                        }
                        col += wid[t];
                    }
                    u[0][j * q0 + a] = v;
                }
                Small.backSolveTransposed(d, j * q0 * q0, q0, u[0], j * q0);
            }
            return u;
        }

        @Override
        public double[][] condCov() {
            int n = size;
            double[][] out = new double[kk][];
            double[] sigma = null;
            if (rest > 0) {
                double[] l = new double[rest * rest];
                for (int i = 0; i < rest; i++)
                    for (int j = 0; j <= i; j++) l[i * rest + j] = s[i * n + j];
                sigma = Small.crossprodLower(Small.invertLower(l, 0, rest), rest);
                for (int k = 1; k < kk; k++) {
                    int q = cp.q[k];
                    out[k] = new double[cp.m[k] * q * q];
                    for (int i = 0; i < cp.m[k]; i++) {
                        int ri = restOff[k] + i * q;
                        for (int a = 0; a < q; a++)
                            for (int b = 0; b < q; b++) out[k][i * q * q + a * q + b] = sigma[(ri + a) * rest + ri + b];
                    }
                }
            }
            int q0 = cp.q[0];
            out[0] = new double[cp.m[0] * q0 * q0];
            for (int j = 0; j < cp.m[0]; j++) {
                double[] li = Small.invertLower(d, j * q0 * q0, q0);
                double[] inner = new double[q0 * q0];
                for (int a = 0; a < q0; a++) inner[a * q0 + a] = 1.0;
                int nn = nbrIndex[j].length - 1;   // random neighbors only
                if (nn > 0) {
                    double[] gj = g[j];
                    int tot = nbrTotal[j];
                    int[] idx = nbrIndex[j];
                    int[] wid = nbrWidth[j];
                    // inner += G Sigma_nbr G^T
                    int ca = 0;
                    for (int a = 0; a < nn; a++) {
                        int cb = 0;
                        for (int b = 0; b < nn; b++) {
                            for (int r = 0; r < q0; r++)
                                for (int c = 0; c < q0; c++) {
                                    double v = 0;
                                    for (int x = 0; x < wid[a]; x++)
                                        for (int y = 0; y < wid[b]; y++)
                                            v += gj[r * tot + ca + x] * sigma[(idx[a] + x) * rest + idx[b] + y]
                                                    * gj[c * tot + cb + y];
                                    inner[r * q0 + c] += v;
                                }
                            cb += wid[b];
                        }
                        ca += wid[a];
                    }
                }
                // L^-T inner L^-1
                for (int r = 0; r < q0; r++)
                    for (int c = 0; c < q0; c++) {
                        double v = 0;
                        for (int a = 0; a < q0; a++)
                            for (int b = 0; b < q0; b++) v += li[a * q0 + r] * inner[a * q0 + b] * li[b * q0 + c];
                        out[0][j * q0 * q0 + r * q0 + c] = v;
                    }
            }
            return out;
        }
    }
}
