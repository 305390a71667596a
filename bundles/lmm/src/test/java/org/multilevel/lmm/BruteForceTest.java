package org.multilevel.lmm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.FixedDesign;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.model.RandomTerm;
import org.multilevel.lmm.internal.CholeskyEngine;
import org.multilevel.lmm.internal.Crossproducts;
import org.multilevel.lmm.internal.Factorization;
import org.multilevel.lmm.internal.GeneralCholesky;
import org.multilevel.lmm.internal.NestedCholesky;
import org.multilevel.lmm.internal.RandomStructure;
import org.multilevel.lmm.internal.SparseCholesky;

/**
 * The blocked factorizations against the textbook n x n formulas: log|I + Z Lambda Lambda' Z'|, the GLS
 * residual quadratic form, log|X'V^-1 X|, beta, the conditional modes Lambda Lambda' Z' V^-1 (y - X beta)
 * and the blocks of Lambda (Lambda'Z'Z Lambda + I)^-1 Lambda', for nested and crossed designs with several
 * random effects per factor.
 */
class BruteForceTest {
    private static final int N = 120;

    private static RandomTerm term(String group, int[] lev, int levels, List<String> names, double[]... cols) {
        List<String> lv = new ArrayList<>();
        for (int i = 0; i < levels; i++) lv.add(group + i);
        int q = cols.length;
        double[] z = new double[N * q];
        for (int i = 0; i < N; i++)
            for (int k = 0; k < q; k++) z[i * q + k] = cols[k][i];
        return new RandomTerm(group, lv, lev, names, z);
    }

    private static DesignMatrices design(boolean crossed, boolean third) {
        Random r = new Random(11);
        double[] one = new double[N];
        double[] x = new double[N];
        double[] w = new double[N];
        double[] y = new double[N];
        int[] a = new int[N];
        int[] b = new int[N];
        for (int i = 0; i < N; i++) {
            one[i] = 1;
            x[i] = r.nextGaussian();
            w[i] = r.nextGaussian();
            a[i] = i / 10;                          // 12 levels
            b[i] = crossed ? i % 5 : a[i] / 3;     // crossed: 5 levels across A; nested: 4 levels containing A
            y[i] = 1 + x[i] + 0.5 * w[i] + r.nextGaussian() + 0.7 * (a[i] % 4) - 0.4 * b[i];
        }
        double[] xm = new double[N * 3];
        for (int i = 0; i < N; i++) {
            xm[i * 3] = 1;
            xm[i * 3 + 1] = x[i];
            xm[i * 3 + 2] = w[i];
        }
        FixedDesign fd = new FixedDesign(List.of("(Intercept)", "x", "w"), xm, new int[] {-1, 0, 1}, List.of("x", "w"),
                List.of());
        List<RandomTerm> terms = new ArrayList<>(List.of(
                term("B", b, crossed ? 5 : 4, List.of("(Intercept)"), one),
                term("A", a, 12, List.of("(Intercept)", "x"), one, x),
                term("B", b, crossed ? 5 : 4, List.of("w"), w)));
        if (third) {   // a third level: C contains B (nested) or crosses both (crossed)
            int[] c = new int[N];
            for (int i = 0; i < N; i++) c[i] = crossed ? i % 3 : b[i] / 2;
            terms.add(term("C", c, crossed ? 3 : 2, List.of("(Intercept)"), one));
        }
        int[] rows = new int[N];
        for (int i = 0; i < N; i++) rows[i] = i;
        return new DesignMatrices(ModelSpec.gaussian("y ~ x + w + (1|B) + (1+x|A) + (0+w|B)"), y, null, null, fd, terms,
                rows, List.of());
    }

    @Test
    void threeLevelDesignsMatchDenseFormulas() {
        for (boolean crossed : new boolean[] {false, true}) {
            DesignMatrices d = design(crossed, true);
            RandomStructure s = RandomStructure.of(d);
            assertEquals(!crossed, s.isNested());
            Crossproducts cp = new Crossproducts(d, s);
            if (!crossed) compare(d, s, new NestedCholesky(cp));
            compare(d, s, new GeneralCholesky(cp));
            compare(d, s, new SparseCholesky(cp));
        }
    }

    @Test
    void nestedDesignMatchesDenseFormulas() {
        DesignMatrices d = design(false, false);
        RandomStructure s = RandomStructure.of(d);
        assertEquals(true, s.isNested());
        // lme4's mkReTrms order: rev(order(levels)) puts A first and the tied B terms in reverse formula order
        assertEquals(List.of("A", "B", "B.1"), s.terms().stream().map(RandomStructure.Term::label).toList());
        assertEquals(List.of("w"), s.terms().get(1).effects());
        Crossproducts cp = new Crossproducts(d, s);
        compare(d, s, new NestedCholesky(cp));
        compare(d, s, new GeneralCholesky(cp));
        compare(d, s, new SparseCholesky(cp));
    }

    @Test
    void crossedDesignMatchesDenseFormulas() {
        DesignMatrices d = design(true, false);
        RandomStructure s = RandomStructure.of(d);
        assertEquals(false, s.isNested());
        compare(d, s, new GeneralCholesky(new Crossproducts(d, s)));
        compare(d, s, new SparseCholesky(new Crossproducts(d, s)));
    }

    private static void compare(DesignMatrices d, RandomStructure s, CholeskyEngine engine) {
        // theta in lme4's term order: A (1, x) has 3 entries, the two B terms one each
        double[] theta = s.thetaCount() == 5 ? new double[] {0.8, -0.3, 0.5, 0.6, 0.4}
                : new double[] {0.8, -0.3, 0.5, 0.6, 0.4, 0.9};
        Factorization f = engine.factor(s.lambdas(theta));
        // dense Z Lambda (n x Q), factor by factor
        List<RandomStructure.Factor> fs = s.factors();
        double[][] lam = s.lambdas(theta);
        int total = 0;
        int[] off = new int[fs.size()];
        for (int k = 0; k < fs.size(); k++) {
            off[k] = total;
            total += fs.get(k).levelCount() * fs.get(k).q();
        }
        DMatrixRMaj zl = new DMatrixRMaj(N, total);
        for (int k = 0; k < fs.size(); k++) {
            RandomStructure.Factor fa = fs.get(k);
            int q = fa.q();
            for (int i = 0; i < N; i++) {
                int j = fa.levelOfRow()[i];
                for (int c = 0; c < q; c++) {
                    double v = 0;
                    for (int r = 0; r < q; r++) v += fa.z()[i * q + r] * lam[k][r * q + c];
                    zl.set(i, off[k] + j * q + c, v);
                }
            }
        }
        DMatrixRMaj v = CommonOps_DDRM.identity(N);
        CommonOps_DDRM.multAddTransB(zl, zl, v);
        DMatrixRMaj vinv = new DMatrixRMaj(N, N);
        CommonOps_DDRM.invert(v, vinv);
        DMatrixRMaj x = new DMatrixRMaj(N, 3, true, d.fixed().values());
        DMatrixRMaj y = new DMatrixRMaj(N, 1, true, d.y());
        DMatrixRMaj xtvi = new DMatrixRMaj(3, N);
        CommonOps_DDRM.multTransA(x, vinv, xtvi);
        DMatrixRMaj xtvix = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.mult(xtvi, x, xtvix);
        DMatrixRMaj xtviy = new DMatrixRMaj(3, 1);
        CommonOps_DDRM.mult(xtvi, y, xtviy);
        DMatrixRMaj beta = new DMatrixRMaj(3, 1);
        CommonOps_DDRM.solve(xtvix, xtviy, beta);
        DMatrixRMaj res = y.copy();
        CommonOps_DDRM.multAdd(-1, x, beta, res);
        DMatrixRMaj vir = new DMatrixRMaj(N, 1);
        CommonOps_DDRM.mult(vinv, res, vir);
        double r2 = CommonOps_DDRM.dot(res, vir);

        assertEquals(Math.log(CommonOps_DDRM.det(v)), f.ldL2(), 1e-8);
        assertEquals(Math.log(CommonOps_DDRM.det(xtvix)), f.ldRX2(), 1e-8);
        assertEquals(r2, f.r2(), 1e-8 * r2);
        double[] fb = f.beta();
        for (int j = 0; j < 3; j++) assertEquals(beta.get(j), fb[j], 1e-9);
        // spherical modes u = (Z Lambda)' V^-1 (y - X beta); conditional covariance (Lambda'Z'Z Lambda + I)^-1
        DMatrixRMaj u = new DMatrixRMaj(total, 1);
        CommonOps_DDRM.multTransA(zl, vir, u);
        DMatrixRMaj prec = CommonOps_DDRM.identity(total);
        CommonOps_DDRM.multAddTransA(zl, zl, prec);
        DMatrixRMaj cov = new DMatrixRMaj(total, total);
        CommonOps_DDRM.invert(prec, cov);
        double[][] fu = f.u();
        double[][] fc = f.condCov();
        for (int k = 0; k < fs.size(); k++) {
            int q = fs.get(k).q();
            for (int j = 0; j < fs.get(k).levelCount(); j++)
                for (int a = 0; a < q; a++) {
                    assertEquals(u.get(off[k] + j * q + a), fu[k][j * q + a], 1e-9, "u " + k + "," + j);
                    for (int c = 0; c < q; c++) {
                        assertEquals(cov.get(off[k] + j * q + a, off[k] + j * q + c), fc[k][j * q * q + a * q + c], 1e-9,
                                "condCov " + k + "," + j);
                    }
                }
        }
        double[] rxi = f.rxInverse();
        DMatrixRMaj xinv = new DMatrixRMaj(3, 3);
        CommonOps_DDRM.invert(xtvix, xinv);
        for (int i = 0; i < 9; i++) assertEquals(xinv.get(i), rxi[i], 1e-9 * Math.abs(xinv.get(i)) + 1e-12);
    }
}
