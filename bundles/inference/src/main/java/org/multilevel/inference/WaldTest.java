package org.multilevel.inference;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.fit.ContrastTest;
import org.multilevel.inference.internal.Distributions;

/**
 * Wald tests of L beta = 0 with a given covariance of beta and a given denominator df (t or F; z or chi-square
 * divided by its df when the df is +Infinity). Stateless.
 */
public final class WaldTest {
    private WaldTest() {
    }

    /**
     * One row of L: t test (estimate and SE of L beta). Several rows: F = (L b)'(L C L')^-1 (L b) / rank, with
     * numerator df the rank of L (a rank-deficient L is reduced to a basis of its rows).
     */
    public static ContrastTest test(double[] beta, double[][] covariance, double[][] contrast, double denDf) {
        int p = beta.length;
        if (covariance.length != p) {
            throw new MultilevelException("Wald test: the covariance is " + covariance.length + " x "
                    + covariance.length + " for " + p + " fixed effects.");
        }
        if (contrast.length == 0) throw new MultilevelException("Wald test: the contrast has no rows.");
        for (double[] row : contrast) {
            if (row.length != p) {
                throw new MultilevelException("Wald test: a contrast row has " + row.length + " entries, the model has "
                        + p + " fixed effects.");
            }
        }
        if (contrast.length == 1) {
            double est = 0;
            double var = 0;
            for (int j = 0; j < p; j++) {
                est += contrast[0][j] * beta[j];
                for (int k = 0; k < p; k++) var += contrast[0][j] * covariance[j][k] * contrast[0][k];
            }
            if (!(var > 0)) throw new MultilevelException("Wald test: the contrast has no variance.");
            double se = Math.sqrt(var);
            double t = est / se;
            return new ContrastTest(est, se, 1, denDf, t, Distributions.twoSidedT(t, denDf));
        }
        DMatrixRMaj l = rowBasis(contrast, p);
        int q = l.numRows;
        DMatrixRMaj c = new DMatrixRMaj(covariance);
        DMatrixRMaj lc = new DMatrixRMaj(q, p);
        CommonOps_DDRM.mult(l, c, lc);
        DMatrixRMaj lclt = new DMatrixRMaj(q, q);
        CommonOps_DDRM.multTransB(lc, l, lclt);
        DMatrixRMaj lb = new DMatrixRMaj(q, 1);
        CommonOps_DDRM.mult(l, DMatrixRMaj.wrap(p, 1, beta.clone()), lb);
        DMatrixRMaj sol = new DMatrixRMaj(q, 1);
        if (!CommonOps_DDRM.solve(lclt, lb, sol)) {
            throw new MultilevelException("Wald test: the covariance of the contrast is singular.");
        }
        double wald = 0;
        for (int i = 0; i < q; i++) wald += lb.get(i) * sol.get(i);
        double f = wald / q;
        return new ContrastTest(Double.NaN, Double.NaN, q, denDf, f, Distributions.upperF(f, q, denDf));
    }

    /** Rows of L reduced to an orthonormal basis of its row space when L is rank deficient. */
    static DMatrixRMaj rowBasis(double[][] contrast, int p) {
        DMatrixRMaj l = new DMatrixRMaj(contrast);
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(l.numRows, p, false, true, true);
        if (!svd.decompose(l.copy())) throw new MultilevelException("The contrast matrix is not usable.");
        double[] sv = svd.getSingularValues();
        double max = 0;
        for (double v : sv) max = Math.max(max, v);
        double tol = Math.max(l.numRows, p) * Math.ulp(max) * 8;
        int rank = 0;
        for (double v : sv) if (v > tol) rank++;
        if (rank == 0) throw new MultilevelException("The contrast matrix is zero.");
        if (rank == l.numRows) return l;
        DMatrixRMaj vt = svd.getV(null, true);
        DMatrixRMaj basis = new DMatrixRMaj(rank, p);
        int row = 0;
        for (int k = 0; k < sv.length; k++) {
            if (sv[k] > tol) {
                for (int j = 0; j < p; j++) basis.set(row, j, vt.get(k, j));
                row++;
            }
        }
        return basis;
    }
}
