package org.multilevel.lmm.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.multilevel.api.model.DesignMatrices;

/**
 * Everything a deviance evaluation needs, computed in one pass over the rows: [X y]^T [X y], and per level
 * of each factor Z_j^T Z_j, Z_j^T [X y]; and between factors the sparse blocks Z_k,j^T Z_l,i for levels
 * that share rows. After construction nothing depends on the number of rows.
 */
public final class Crossproducts {
    /** A cross block between level {@code level} of factor {@code factor} and the owning level. */
    record Neighbor(int factor, int level, double[] block) {
    }

    /** Rows per chunk of the one pass (a constant: results must not depend on the machine). */
    static final int CHUNK_ROWS = 1 << 16;
    /** Chunks summed in parallel at a time. */
    private static final int WAVE = 4;

    final int n;
    final int p;
    /** p + 1: X columns then y. */
    final int width;
    final double[] xyxy;          // width x width
    final int[] q;
    final int[] m;
    final double[][] zz;          // per factor: m_k blocks of q_k x q_k
    final double[][] zxy;         // per factor: m_k blocks of q_k x width
    /** per factor k, per level: neighbors in factors l > k, sorted by (factor, level). */
    final Neighbor[][][] neighbors;

    public Crossproducts(DesignMatrices design, RandomStructure structure) {
        double[] y = design.y();
        if (design.offset() != null) {   // a known offset moves into the response
            double[] off = design.offset();
            double[] yo = new double[y.length];
            for (int i = 0; i < y.length; i++) yo[i] = y[i] - off[i];
            y = yo;
        }
        double[] x = design.fixed().values();
        this.n = y.length;
        this.p = design.fixed().columns();
        this.width = p + 1;
        List<RandomStructure.Factor> factors = structure.factors();
        int kk = factors.size();
        q = new int[kk];
        m = new int[kk];
        for (int k = 0; k < kk; k++) {
            q[k] = factors.get(k).q();
            m[k] = factors.get(k).levelCount();
        }
        int[][] lev = new int[kk][];
        double[][] zs = new double[kk][];
        for (int k = 0; k < kk; k++) {
            lev[k] = factors.get(k).levelOfRow();
            zs[k] = factors.get(k).z();
        }
        // the one pass over the rows, in chunks of CHUNK_ROWS rows whose sums are added in chunk order: the
        // boundaries and the order of the additions depend on the number of rows only, so the sums (and the
        // fit) are bit-identical whatever the number of processors; WAVE chunks at a time bound the memory
        double[] yy0 = y;
        int chunks = (n + CHUNK_ROWS - 1) / CHUNK_ROWS;
        Partial total;
        if (chunks <= 1) {
            total = new Partial(kk).accumulate(0, n, x, yy0, lev, zs);
        } else {
            total = null;
            for (int first = 0; first < chunks; first += WAVE) {
                Partial[] wave = java.util.stream.IntStream.range(first, Math.min(chunks, first + WAVE)).parallel()
                        .mapToObj(c -> new Partial(kk).accumulate(c * CHUNK_ROWS, Math.min(n, (c + 1) * CHUNK_ROWS),
                                x, yy0, lev, zs))
                        .toArray(Partial[]::new);
                for (Partial part : wave) total = total == null ? part : total.merge(part);
            }
        }
        xyxy = total.xyxy;
        zz = total.zz;
        zxy = total.zxy;
        Map<Long, double[]>[][] cross = total.cross;
        mirror(xyxy, width, 0);
        for (int k = 0; k < kk; k++)
            for (int j = 0; j < m[k]; j++) mirror(zz[k], q[k], j * q[k] * q[k]);
        neighbors = new Neighbor[kk][][];
        for (int k = 0; k < kk; k++) {
            List<List<Neighbor>> lists = new ArrayList<>(m[k]);
            for (int j = 0; j < m[k]; j++) lists.add(new ArrayList<>());
            for (int l = k + 1; l < kk; l++) {
                for (Map.Entry<Long, double[]> e : cross[k][l].entrySet()) {
                    long key = e.getKey();
                    int j = (int) (key / m[l]);
                    int i = (int) (key % m[l]);
                    lists.get(j).add(new Neighbor(l, i, e.getValue()));
                }
            }
            Neighbor[][] arr = new Neighbor[m[k]][];
            for (int j = 0; j < m[k]; j++) {
                Neighbor[] a = lists.get(j).toArray(new Neighbor[0]);
                Arrays.sort(a, (u, v) -> u.factor() != v.factor() ? Integer.compare(u.factor(), v.factor())
                        : Integer.compare(u.level(), v.level()));
                arr[j] = a;
            }
            neighbors[k] = arr;
        }
    }

    /** Sums over one range of rows. */
    private final class Partial {
        final double[] xyxy;
        final double[][] zz;
        final double[][] zxy;
        final Map<Long, double[]>[][] cross;

        @SuppressWarnings("unchecked")
        Partial(int kk) {
            xyxy = new double[width * width];
            zz = new double[kk][];
            zxy = new double[kk][];
            for (int k = 0; k < kk; k++) {
                zz[k] = new double[m[k] * q[k] * q[k]];
                zxy[k] = new double[m[k] * q[k] * width];
            }
            cross = new Map[kk][kk];
            for (int k = 0; k < kk; k++)
                for (int l = k + 1; l < kk; l++) cross[k][l] = new HashMap<>();
        }

        Partial accumulate(int from, int to, double[] x, double[] y, int[][] lev, double[][] zs) {
            int kk = zz.length;
            for (int i = from; i < to; i++) {
                int xo = i * p;
                double yi = y[i];
                for (int a = 0; a < p; a++) {
                    double v = x[xo + a];
                    int off = a * width;
                    for (int b = a; b < p; b++) xyxy[off + b] += v * x[xo + b];
                    xyxy[off + p] += v * yi;
                }
                xyxy[p * width + p] += yi * yi;
                for (int k = 0; k < kk; k++) {
                    int qk = q[k];
                    int j = lev[k][i];
                    double[] z = zs[k];
                    int zOff = i * qk;
                    int zzOff = j * qk * qk;
                    int zxOff = j * qk * width;
                    double[] zzk = zz[k];
                    double[] zxk = zxy[k];
                    for (int a = 0; a < qk; a++) {
                        double v = z[zOff + a];
                        for (int b = a; b < qk; b++) zzk[zzOff + a * qk + b] += v * z[zOff + b];
                        int r = zxOff + a * width;
                        for (int b = 0; b < p; b++) zxk[r + b] += v * x[xo + b];
                        zxk[r + p] += v * yi;
                    }
                    for (int l = k + 1; l < kk; l++) {
                        int ql = q[l];
                        long key = (long) j * m[l] + lev[l][i];
                        double[] blk = cross[k][l].computeIfAbsent(key, kx -> new double[qk * ql]);
                        double[] zl = zs[l];
                        int zlOff = i * ql;
                        for (int a = 0; a < qk; a++) {
                            double v = z[zOff + a];
                            for (int b = 0; b < ql; b++) blk[a * ql + b] += v * zl[zlOff + b];
                        }
                    }
                }
            }
            return this;
        }

        Partial merge(Partial o) {
            add(xyxy, o.xyxy);
            for (int k = 0; k < zz.length; k++) {
                add(zz[k], o.zz[k]);
                add(zxy[k], o.zxy[k]);
                for (int l = k + 1; l < zz.length; l++) {
                    for (Map.Entry<Long, double[]> e : o.cross[k][l].entrySet()) {
                        cross[k][l].merge(e.getKey(), e.getValue(), (a, b) -> {
                            add(a, b);
                            return a;
                        });
                    }
                }
            }
            return this;
        }

        private void add(double[] a, double[] b) {
            for (int i = 0; i < a.length; i++) a[i] += b[i];
        }
    }

    private static void mirror(double[] a, int n, int off) {
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++) a[off + i * n + j] = a[off + j * n + i];
    }

    /** False when some value of X, y or Z was NaN or infinite (it shows in the sums). */
    boolean allFinite() {
        for (double v : xyxy) if (!Double.isFinite(v)) return false;
        for (double[] a : zz) for (double v : a) if (!Double.isFinite(v)) return false;
        for (double[] a : zxy) for (double v : a) if (!Double.isFinite(v)) return false;
        return true;
    }

    public int factorCount() {
        return q.length;
    }
}
