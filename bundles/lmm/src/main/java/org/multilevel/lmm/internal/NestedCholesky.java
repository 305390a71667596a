package org.multilevel.lmm.internal;

/**
 * Blocked Cholesky for nested factors (each level of factor k lies in one level of factor k+1): eliminating
 * a level only updates its ancestors' blocks, so there is no fill-in and the cost is linear in the number
 * of levels.
 */
public final class NestedCholesky implements CholeskyEngine {
    private final Crossproducts cp;
    private final int kk;
    /** anc[k][l][j]: the level of factor l (> k) containing level j of factor k; -1 for an empty level. */
    private final int[][][] anc;
    /** cross[k][l][j]: the crossproduct block between level j of k and its ancestor in l. */
    private final double[][][][] cross;

    public NestedCholesky(Crossproducts cp) {
        this.cp = cp;
        this.kk = cp.factorCount();
        anc = new int[kk][kk][];
        cross = new double[kk][kk][][];
        for (int k = 0; k < kk; k++) {
            for (int l = k + 1; l < kk; l++) {
                anc[k][l] = new int[cp.m[k]];
                java.util.Arrays.fill(anc[k][l], -1);
                cross[k][l] = new double[cp.m[k]][];
            }
            for (int j = 0; j < cp.m[k]; j++) {
                for (Crossproducts.Neighbor nb : cp.neighbors[k][j]) {
                    if (anc[k][nb.factor()][j] >= 0) {
                        throw new IllegalArgumentException("the grouping factors are not nested");
                    }
                    anc[k][nb.factor()][j] = nb.level();
                    cross[k][nb.factor()][j] = nb.block();
                }
            }
        }
    }

    @Override
    public Factorization factor(double[][] lambda) {
        if (kk == 1 && cp.q[0] <= 2) return factorSingle(lambda[0]);
        int w = cp.width;
        double[][] d = new double[kk][];
        double[][][] c = new double[kk][kk][];
        double[][] fx = new double[kk][];
        for (int k = 0; k < kk; k++) {
            int q = cp.q[k];
            int m = cp.m[k];
            d[k] = new double[m * q * q];
            fx[k] = new double[m * q * w];
            for (int j = 0; j < m; j++) {
                int off = j * q * q;
                Small.congruence(lambda[k], q, cp.zz[k], off, lambda[k], q, d[k], off, q);
                for (int a = 0; a < q; a++) d[k][off + a * q + a] += 1.0;
                Small.leftTransposed(lambda[k], q, cp.zxy[k], j * q * w, w, fx[k], j * q * w, w);
            }
            for (int l = k + 1; l < kk; l++) {
                int ql = cp.q[l];
                c[k][l] = new double[m * q * ql];
                for (int j = 0; j < m; j++) {
                    if (anc[k][l][j] < 0) continue;
                    Small.congruence(lambda[k], q, cross[k][l][j], 0, lambda[l], ql, c[k][l], j * q * ql, ql);
                }
            }
        }
        double[] f = cp.xyxy.clone();
        double ld = 0;
        for (int k = 0; k < kk; k++) {
            int q = cp.q[k];
            int m = cp.m[k];
            for (int j = 0; j < m; j++) {
                int off = j * q * q;
                if (!Small.cholesky(d[k], off, q)) return null;
                for (int a = 0; a < q; a++) ld += Math.log(d[k][off + a * q + a]);
                int fOff = j * q * w;
                Small.forwardSolve(d[k], off, q, fx[k], fOff, w);
                for (int l = k + 1; l < kk; l++) {
                    int ql = cp.q[l];
                    Small.forwardSolve(d[k], off, q, c[k][l], j * q * ql, ql);
                }
                for (int l = k + 1; l < kk; l++) {
                    int a = anc[k][l][j];
                    if (a < 0) continue;
                    int ql = cp.q[l];
                    int gOff = j * q * ql;
                    Small.subtractAtB(c[k][l], gOff, ql, c[k][l], gOff, ql, q, ql, ql, d[l], a * ql * ql, ql);
                    for (int l2 = l + 1; l2 < kk; l2++) {
                        int q2 = cp.q[l2];
                        Small.subtractAtB(c[k][l], gOff, ql, c[k][l2], j * q * q2, q2, q, ql, q2,
                                c[l][l2], a * ql * q2, q2);
                    }
                    Small.subtractAtB(c[k][l], gOff, ql, fx[k], fOff, w, q, ql, w, fx[l], a * ql * w, w);
                }
                Small.subtractAtB(fx[k], fOff, w, fx[k], fOff, w, q, w, w, f, 0, w);
            }
        }
        if (!Small.cholesky(f, 0, w - 1, w)) return null;
        // the response row of the factor: finish it by hand so a perfect fit (r = 0) stays usable
        completeLastRow(f, w);
        return new Result(d, c, fx, f, 2 * ld);
    }

    /**
     * The common case of one grouping factor with one or two random effects, written out so that an
     * evaluation costs a few dozen flops per level (same arithmetic as the general loop).
     */
    private Factorization factorSingle(double[] lam) {
        int w = cp.width;
        int q = cp.q[0];
        int m = cp.m[0];
        double[] zz = cp.zz[0];
        double[] zx = cp.zxy[0];
        double[] d = new double[m * q * q];
        double[] fx = new double[m * q * w];
        double[] f = cp.xyxy.clone();
        double ld = 0;
        if (q == 1) {
            double l = lam[0];
            for (int j = 0; j < m; j++) {
                double c = Math.sqrt(l * l * zz[j] + 1.0);
                d[j] = c;
                ld += Math.log(c);
                double s = l / c;
                int o = j * w;
                for (int a = 0; a < w; a++) fx[o + a] = s * zx[o + a];
                for (int a = 0; a < w; a++) {
                    double ga = fx[o + a];
                    int fa = a * w;
                    for (int b = a; b < w; b++) f[fa + b] -= ga * fx[o + b];
                }
            }
        } else {
            double l00 = lam[0];
            double l10 = lam[2];
            double l11 = lam[3];
            for (int j = 0; j < m; j++) {
                int zo = j * 4;
                double a00 = zz[zo];
                double a01 = zz[zo + 1];
                double a11 = zz[zo + 3];
                double m00 = a00 * l00 + a01 * l10;
                double m10 = a01 * l00 + a11 * l10;
                double m01 = a01 * l11;
                double m11 = a11 * l11;
                double t00 = l00 * m00 + l10 * m10 + 1.0;
                double t01 = l00 * m01 + l10 * m11;
                double t11 = l11 * m11 + 1.0;
                double c00 = Math.sqrt(t00);
                double c10 = t01 / c00;
                double c11 = Math.sqrt(t11 - c10 * c10);
                d[zo] = c00;
                d[zo + 2] = c10;
                d[zo + 3] = c11;
                ld += Math.log(c00) + Math.log(c11);
                int o = j * 2 * w;
                for (int a = 0; a < w; a++) {
                    double x0 = zx[o + a];
                    double x1 = zx[o + w + a];
                    double g0 = (l00 * x0 + l10 * x1) / c00;
                    double g1 = (l11 * x1 - c10 * g0) / c11;
                    fx[o + a] = g0;
                    fx[o + w + a] = g1;
                }
                for (int a = 0; a < w; a++) {
                    double g0 = fx[o + a];
                    double g1 = fx[o + w + a];
                    int fa = a * w;
                    for (int b = a; b < w; b++) f[fa + b] -= g0 * fx[o + b] + g1 * fx[o + w + b];
                }
            }
        }
        for (int a = 0; a < w; a++)
            for (int b = a + 1; b < w; b++) f[b * w + a] = f[a * w + b];
        if (!Small.cholesky(f, 0, w - 1, w)) return null;
        completeLastRow(f, w);
        return new Result(new double[][] {d}, new double[1][1][], new double[][] {fx}, f, 2 * ld);
    }

    static void completeLastRow(double[] f, int w) {
        int p = w - 1;
        // rows 0..p-1 are factored; undo the zeroing the partial Cholesky did not do on row p
        for (int j = 0; j < p; j++) {
            double t = f[p * w + j];
            for (int k = 0; k < j; k++) t -= f[p * w + k] * f[j * w + k];
            f[p * w + j] = t / f[j * w + j];
        }
        double s = f[p * w + p];
        for (int k = 0; k < p; k++) s -= f[p * w + k] * f[p * w + k];
        f[p * w + p] = Math.sqrt(Math.max(s, 0.0));
        for (int j = 0; j < p; j++) f[j * w + p] = 0.0;
    }

    private final class Result implements Factorization {
        private final double[][] d;
        private final double[][][] g;
        private final double[][] gf;
        private final double[] f;
        private final double ldL2;

        Result(double[][] d, double[][][] g, double[][] gf, double[] f, double ldL2) {
            this.d = d;
            this.g = g;
            this.gf = gf;
            this.f = f;
            this.ldL2 = ldL2;
        }

        @Override
        public double ldL2() {
            return ldL2;
        }

        @Override
        public double ldRX2() {
            return FixedBlock.ldRX2(f, 0, cp.width, cp.p);
        }

        @Override
        public double r2() {
            return FixedBlock.r2(f, 0, cp.width, cp.p);
        }

        @Override
        public double[] beta() {
            return FixedBlock.beta(f, 0, cp.width, cp.p);
        }

        @Override
        public double[] rxInverse() {
            return FixedBlock.inverse(f, 0, cp.width, cp.p);
        }

        @Override
        public double[][] u() {
            double[] beta = beta();
            int w = cp.width;
            int p = cp.p;
            double[][] u = new double[kk][];
            for (int k = kk - 1; k >= 0; k--) {
                int q = cp.q[k];
                int m = cp.m[k];
                u[k] = new double[m * q];
                for (int j = 0; j < m; j++) {
                    int fOff = j * q * w;
                    for (int a = 0; a < q; a++) {
                        double s = gf[k][fOff + a * w + p];
                        for (int b = 0; b < p; b++) s -= gf[k][fOff + a * w + b] * beta[b];
                        for (int l = k + 1; l < kk; l++) {
                            int an = anc[k][l][j];
                            if (an < 0) continue;
                            int ql = cp.q[l];
                            for (int b = 0; b < ql; b++) s -= g[k][l][j * q * ql + a * ql + b] * u[l][an * ql + b];
                        }
                        u[k][j * q + a] = s;
                    }
                    Small.backSolveTransposed(d[k], j * q * q, q, u[k], j * q);
                }
            }
            return u;
        }

        @Override
        public double[][] condCov() {
            // Takahashi recursion from the coarsest factor down: Sigma_jj and Sigma_{j,ancestor}
            double[][] diag = new double[kk][];
            double[][][] off = new double[kk][kk][];
            for (int k = kk - 1; k >= 0; k--) {
                int q = cp.q[k];
                int m = cp.m[k];
                diag[k] = new double[m * q * q];
                for (int l = k + 1; l < kk; l++) off[k][l] = new double[m * q * cp.q[l]];
                for (int j = 0; j < m; j++) {
                    double[] li = Small.invertLower(d[k], j * q * q, q);
                    // T = G_j Sigma_anc  (q x sum q_l), Sigma_anc assembled from stored blocks
                    for (int l = k + 1; l < kk; l++) {
                        int ql = cp.q[l];
                        double[] t = new double[q * ql];
                        int al = anc[k][l][j];
                        if (al < 0) continue;
                        for (int l2 = k + 1; l2 < kk; l2++) {
                            int q2 = cp.q[l2];
                            int a2 = anc[k][l2][j];
                            // block Sigma_{a2, al} (q2 x ql)
                            double[] s = sigmaBlock(diag, off, l2, a2, l, al, anc);
                            for (int r = 0; r < q; r++)
                                for (int cidx = 0; cidx < ql; cidx++) {
                                    double v = 0;
                                    for (int b = 0; b < q2; b++) v += g[k][l2][j * q * q2 + r * q2 + b] * s[b * ql + cidx];
                                    t[r * ql + cidx] += v;
                                }
                        }
                        // Sigma_{j,al} = -L^-T T
                        double[] o = off[k][l];
                        int oOff = j * q * ql;
                        for (int r = 0; r < q; r++)
                            for (int cidx = 0; cidx < ql; cidx++) {
                                double v = 0;
                                for (int b = 0; b < q; b++) v += li[b * q + r] * t[b * ql + cidx];
                                o[oOff + r * ql + cidx] = -v;
                            }
                    }
                    // Sigma_jj = L^-T (L^-1 - sum_l G_{j,l} Sigma_{j,l}^T)
                    double[] inner = new double[q * q];
                    for (int r = 0; r < q; r++)
                        for (int cidx = 0; cidx < q; cidx++) inner[r * q + cidx] = li[r * q + cidx];
                    for (int l = k + 1; l < kk; l++) {
                        if (anc[k][l][j] < 0) continue;
                        int ql = cp.q[l];
                        double[] o = off[k][l];
                        int oOff = j * q * ql;
                        for (int r = 0; r < q; r++)
                            for (int cidx = 0; cidx < q; cidx++) {
                                double v = 0;
                                for (int b = 0; b < ql; b++) v += g[k][l][j * q * ql + r * ql + b] * o[oOff + cidx * ql + b];
                                inner[r * q + cidx] -= v;
                            }
                    }
                    int dOff = j * q * q;
                    for (int r = 0; r < q; r++)
                        for (int cidx = 0; cidx < q; cidx++) {
                            double v = 0;
                            for (int b = 0; b < q; b++) v += li[b * q + r] * inner[b * q + cidx];
                            diag[k][dOff + r * q + cidx] = v;
                        }
                }
            }
            return diag;
        }
    }

    /** Sigma block between (factor a, level ia) and (factor b, level ib) on one ancestor chain. */
    private double[] sigmaBlock(double[][] diag, double[][][] off, int fa, int ia, int fb, int ib, int[][][] anc) {
        int qa = cp.q[fa];
        int qb = cp.q[fb];
        double[] out = new double[qa * qb];
        if (fa == fb) {
            System.arraycopy(diag[fa], ia * qa * qa, out, 0, qa * qa);
        } else if (fa < fb) {
            System.arraycopy(off[fa][fb], ia * qa * qb, out, 0, qa * qb);
        } else {
            double[] o = off[fb][fa];
            int base = ib * qb * qa;
            for (int r = 0; r < qa; r++)
                for (int c = 0; c < qb; c++) out[r * qb + c] = o[base + c * qa + r];
        }
        return out;
    }
}
