package org.multilevel.inference.internal;

import java.util.List;
import org.multilevel.api.model.RandomTerm;

/**
 * The rows of a model grouped into blocks on which the marginal covariance V is block diagonal: one block per
 * level of a grouping factor in which every other random term's factor is nested, or one block of all rows
 * when the factors are crossed.
 *
 * @param rowOrder   the rows, block after block
 * @param blockStart start of each block in {@code rowOrder}, plus the end (length blocks + 1)
 * @param topTerm    index of the random term whose factor defines the blocks; -1 for a single block
 */
public record Partition(int[] rowOrder, int[] blockStart, int topTerm) {

    public int blocks() {
        return blockStart.length - 1;
    }

    /** One block holding every row. */
    public static Partition single(int rows) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) order[i] = i;
        return new Partition(order, new int[] {0, rows}, -1);
    }

    /**
     * The coarsest factor in which every term's factor is nested (each level of the inner factor lies in one
     * level of the outer one), or -1 when there is none (crossed factors).
     */
    public static int nestingTerm(List<RandomTerm> terms, int rows) {
        int best = -1;
        for (int t = 0; t < terms.size(); t++) {
            boolean all = true;
            for (int k = 0; k < terms.size() && all; k++) {
                if (k != t) all = nestedIn(terms.get(k), terms.get(t), rows);
            }
            if (all && (best < 0 || terms.get(t).levelCount() < terms.get(best).levelCount())) best = t;
        }
        return best;
    }

    /** True when every level of {@code inner} occurs with one level of {@code outer} only. */
    static boolean nestedIn(RandomTerm inner, RandomTerm outer, int rows) {
        int[] outerOf = new int[inner.levelCount()];
        java.util.Arrays.fill(outerOf, -1);
        for (int i = 0; i < rows; i++) {
            int l = inner.levelOfRow()[i];
            int o = outer.levelOfRow()[i];
            if (outerOf[l] < 0) outerOf[l] = o;
            else if (outerOf[l] != o) return false;
        }
        return true;
    }

    /** Rows grouped by the levels of one term's factor (counting sort, stable). */
    public static Partition byTerm(List<RandomTerm> terms, int term, int rows) {
        RandomTerm t = terms.get(term);
        int m = t.levelCount();
        int[] count = new int[m + 1];
        for (int i = 0; i < rows; i++) count[t.levelOfRow()[i] + 1]++;
        for (int l = 0; l < m; l++) count[l + 1] += count[l];
        int[] start = count.clone();
        int[] order = new int[rows];
        int[] next = java.util.Arrays.copyOf(count, m);
        for (int i = 0; i < rows; i++) order[next[t.levelOfRow()[i]]++] = i;
        return new Partition(order, start, term);
    }
}
