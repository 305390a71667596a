package org.multilevel.inference.internal;

import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.multilevel.api.model.RandomTerm;

/**
 * The random-effects columns of one cluster: for each term, the levels present in the cluster get local
 * indices, and the term's q columns per level follow each other (term after term).
 */
public final class ClusterTerms {
    private final int[] offset;
    private final int[][] present;
    private final int columns;

    private ClusterTerms(int[] offset, int[][] present, int columns) {
        this.offset = offset;
        this.present = present;
        this.columns = columns;
    }

    /** Marks the local level indices in {@code localLevel} (reset with {@link #release}). */
    public static ClusterTerms of(List<RandomTerm> terms, int[][] localLevel, int[] order, int from, int to) {
        int[] offset = new int[terms.size()];
        int[][] present = new int[terms.size()][];
        int cols = 0;
        for (int k = 0; k < terms.size(); k++) {
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
            present[k] = Arrays.copyOf(seen, m);
            offset[k] = cols;
            cols += m * t.effects();
        }
        return new ClusterTerms(offset, present, cols);
    }

    public int columns() {
        return columns;
    }

    /** Writes row i's Z values into {@code row[0..columns)}. */
    public void fillZ(List<RandomTerm> terms, int[][] localLevel, int i, double[] row) {
        for (int k = 0; k < terms.size(); k++) {
            RandomTerm t = terms.get(k);
            int q = t.effects();
            int base = offset[k] + localLevel[k][t.levelOfRow()[i]] * q;
            for (int e = 0; e < q; e++) row[base + e] = t.z()[i * q + e];
        }
    }

    /** Puts each level's covariance block into the top-left Z part of c. */
    public void fillCovariance(List<RandomTerm> terms, List<double[][]> cov, DMatrixRMaj c) {
        for (int k = 0; k < terms.size(); k++) {
            int q = terms.get(k).effects();
            double[][] g = cov.get(k);
            for (int l = 0; l < present[k].length; l++) {
                int base = offset[k] + l * q;
                for (int a = 0; a < q; a++) for (int b = 0; b < q; b++) c.set(base + a, base + b, g[a][b]);
            }
        }
    }

    public void release(int[][] localLevel) {
        for (int k = 0; k < present.length; k++) for (int l : present[k]) localLevel[k][l] = -1;
    }

}
