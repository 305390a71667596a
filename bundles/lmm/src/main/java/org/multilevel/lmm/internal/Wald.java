package org.multilevel.lmm.internal;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.multilevel.api.fit.ContrastTest;
import org.multilevel.api.fit.EstimationException;

/** Wald t / F tests with a given denominator df (+infinity: z and chi-square / q). */
final class Wald {
    private Wald() {
    }

    static ContrastTest test(double[][] l, double[] beta, double[] vcov, double denDf) {
        int p = beta.length;
        int r = l.length;
        DMatrixRMaj lm = new DMatrixRMaj(l);
        DMatrixRMaj b = new DMatrixRMaj(p, 1, true, beta);
        DMatrixRMaj c = new DMatrixRMaj(p, p, true, vcov);
        DMatrixRMaj lb = new DMatrixRMaj(r, 1);
        CommonOps_DDRM.mult(lm, b, lb);
        DMatrixRMaj lc = new DMatrixRMaj(r, p);
        CommonOps_DDRM.mult(lm, c, lc);
        DMatrixRMaj lcl = new DMatrixRMaj(r, r);
        CommonOps_DDRM.multTransB(lc, lm, lcl);
        if (r == 1) {
            double est = lb.get(0);
            double se = Math.sqrt(lcl.get(0));
            double t = est / se;
            return new ContrastTest(est, se, 1, denDf, t, Distributions.tTwoSided(t, denDf));
        }
        DMatrixRMaj inv = new DMatrixRMaj(r, r);
        if (!CommonOps_DDRM.invert(lcl, inv)) {
            throw new EstimationException("the contrast rows are linearly dependent; remove the redundant rows");
        }
        DMatrixRMaj tmp = new DMatrixRMaj(r, 1);
        CommonOps_DDRM.mult(inv, lb, tmp);
        double f = CommonOps_DDRM.dot(lb, tmp) / r;
        return new ContrastTest(Double.NaN, Double.NaN, r, denDf, f, Distributions.fUpper(f, r, denDf));
    }
}
