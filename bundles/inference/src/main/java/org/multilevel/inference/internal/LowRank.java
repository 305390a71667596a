package org.multilevel.inference.internal;

import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.eig.SymmetricQRAlgorithmDecomposition_DDRM;

/**
 * The algebra of symmetric n x n matrices a I + K C K' for one fixed n x k matrix K, represented by (a, C) and
 * S = K'K only, so that products and matrix functions (square roots, inverses) of a cluster's covariance cost
 * O(k^3) instead of O(n^3). A function f acts on the column space of K through the eigen decomposition of
 * a I + T C T' (K = U T with U orthonormal) and as f(a) on its complement.
 */
public final class LowRank {
    private final DMatrixRMaj s;
    private final DMatrixRMaj w;   // k x r, K W = U orthonormal
    private final DMatrixRMaj t;   // r x k, K = U T

    /** The element a I + K C K'. */
    public record Element(double a, DMatrixRMaj c) {
    }

    public LowRank(DMatrixRMaj s) {
        this.s = s;
        int k = s.numRows;
        SymmetricQRAlgorithmDecomposition_DDRM eig = new SymmetricQRAlgorithmDecomposition_DDRM(true);
        if (!eig.decompose(s.copy())) throw new ArithmeticException("eigen decomposition failed");
        double max = 0;
        for (int i = 0; i < k; i++) max = Math.max(max, eig.getEigenvalue(i).getReal());
        int r = 0;
        for (int i = 0; i < k; i++) if (eig.getEigenvalue(i).getReal() > 1e-11 * max) r++;
        w = new DMatrixRMaj(k, r);
        t = new DMatrixRMaj(r, k);
        int col = 0;
        for (int i = 0; i < k; i++) {
            double ev = eig.getEigenvalue(i).getReal();
            if (ev <= 1e-11 * max) continue;
            DMatrixRMaj v = eig.getEigenVector(i);
            double sq = Math.sqrt(ev);
            for (int a = 0; a < k; a++) {
                w.set(a, col, v.get(a) / sq);
                t.set(col, a, v.get(a) * sq);
            }
            col++;
        }
    }

    public DMatrixRMaj s() {
        return s;
    }

    /** x y. */
    public Element times(Element x, Element y) {
        DMatrixRMaj c = mult(mult(x.c(), s), y.c());
        CommonOps_DDRM.addEquals(c, x.a(), y.c());
        CommonOps_DDRM.addEquals(c, y.a(), x.c());
        return new Element(x.a() * y.a(), c);
    }

    /** f(x) for symmetric x, f applied to the eigenvalues. */
    public Element apply(Element x, DoubleUnaryOperator f) {
        int r = t.numRows;
        DMatrixRMaj e = new DMatrixRMaj(r, r);
        CommonOps_DDRM.multTransB(mult(t, x.c()), t, e);
        for (int i = 0; i < r; i++) e.add(i, i, x.a());
        for (int i = 0; i < r; i++) {
            for (int j = i + 1; j < r; j++) {
                double v = 0.5 * (e.get(i, j) + e.get(j, i));
                e.set(i, j, v);
                e.set(j, i, v);
            }
        }
        double fa = f.applyAsDouble(x.a());
        DMatrixRMaj fe = new DMatrixRMaj(r, r);
        if (r > 0) {
            SymmetricQRAlgorithmDecomposition_DDRM eig = new SymmetricQRAlgorithmDecomposition_DDRM(true);
            if (!eig.decompose(e)) throw new ArithmeticException("eigen decomposition failed");
            for (int k = 0; k < r; k++) {
                double fl = f.applyAsDouble(eig.getEigenvalue(k).getReal());
                DMatrixRMaj v = eig.getEigenVector(k);
                for (int i = 0; i < r; i++) for (int j = 0; j < r; j++) fe.add(i, j, fl * v.get(i) * v.get(j));
            }
            for (int i = 0; i < r; i++) fe.add(i, i, -fa);
        }
        DMatrixRMaj c = new DMatrixRMaj(s.numRows, s.numRows);
        CommonOps_DDRM.multTransB(mult(w, fe), w, c);
        return new Element(fa, c);
    }

    /** The largest eigenvalue of a symmetric element (for relative tolerances). */
    public double maxEigenvalue(Element x) {
        int r = t.numRows;
        double max = x.a();
        if (r == 0) return max;
        DMatrixRMaj e = new DMatrixRMaj(r, r);
        CommonOps_DDRM.multTransB(mult(t, x.c()), t, e);
        for (int i = 0; i < r; i++) e.add(i, i, x.a());
        SymmetricQRAlgorithmDecomposition_DDRM eig = new SymmetricQRAlgorithmDecomposition_DDRM(false);
        if (!eig.decompose(e)) throw new ArithmeticException("eigen decomposition failed");
        for (int k = 0; k < r; k++) max = Math.max(max, eig.getEigenvalue(k).getReal());
        return max;
    }

    static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
        CommonOps_DDRM.mult(a, b, c);
        return c;
    }
}
