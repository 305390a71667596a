package org.multilevel.lmm.internal;

import org.multilevel.api.fit.EstimationException;

/**
 * Chooses the factorization of a general (crossed or nested) model from the symbolic cost: the sparse
 * supernodal one ({@link SparseCholesky}) in its fill-reducing order, or the blocked one with a dense Schur
 * block after the largest factor ({@link GeneralCholesky}) when that costs fewer operations. A model whose
 * factorization would need more memory than this Java process may use is refused before any numeric work.
 */
public final class GeneralEngine {
    private GeneralEngine() {
    }

    /** The two candidates' costs, and which one is used. */
    public record Choice(CholeskyEngine engine, boolean sparse, double sparseFlops, double denseFlops, long sparseBytes,
                         String sparseShape) {
    }

    public static CholeskyEngine choose(Crossproducts cp) {
        return analyse(cp).engine();
    }

    public static Choice analyse(Crossproducts cp) {
        return analyse(cp, Runtime.getRuntime().maxMemory());
    }

    /** As {@link #analyse(Crossproducts)} with {@code avail} bytes of memory to work in. */
    public static Choice analyse(Crossproducts cp, long avail) {
        SparseCholesky sparse = new SparseCholesky(cp);
        double dense = denseFlops(cp);
        long denseBytes = denseBytes(cp);
        // the conditional covariances at the end hold about as much again as the factor
        long sparseNeed = sparse.bytes() + 8L * sparse.factorDoubles();
        if (dense < sparse.flops() && denseBytes < avail / 2) {
            return new Choice(new GeneralCholesky(cp), false, sparse.flops(), dense, sparse.bytes(), sparse.describe());
        }
        if (sparseNeed > avail) {
            throw new EstimationException(String.format(java.util.Locale.ROOT,
                    "the random-effects system of this model needs about %.1f GB to factor (its Cholesky factor has "
                            + "%,d nonzero entries), more than the %.1f GB this Java process may use; give Java more "
                            + "memory (-Xmx) or simplify the random part", sparseNeed / 1e9, sparse.factorDoubles(),
                    avail / 1e9));
        }
        return new Choice(sparse, true, sparse.flops(), dense, sparse.bytes(), sparse.describe());
    }

    /** Operations of the dense-Schur scheme: per level of the first factor its update, then the dense block. */
    static double denseFlops(Crossproducts cp) {
        double rest = 0;
        for (int k = 1; k < cp.factorCount(); k++) rest += (double) cp.m[k] * cp.q[k];
        double n = rest + cp.width;
        double f = n * n * n / 6;   // multiply-adds, as SparseSymbolic counts them
        int q0 = cp.q[0];
        for (int j = 0; j < cp.m[0]; j++) {
            double tot = cp.width;
            for (Crossproducts.Neighbor nb : cp.neighbors[0][j]) tot += cp.q[nb.factor()];
            f += q0 * tot * tot / 2 + (double) q0 * q0 * tot / 2;
        }
        return f;
    }

    static long denseBytes(Crossproducts cp) {
        long rest = 0;
        for (int k = 1; k < cp.factorCount(); k++) rest += (long) cp.m[k] * cp.q[k];
        long n = rest + cp.width;
        return 8 * n * n * 2;
    }
}
