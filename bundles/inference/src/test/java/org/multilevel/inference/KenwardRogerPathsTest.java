package org.multilevel.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.fit.ContrastTest;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.FixedDesign;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.model.RandomTerm;

/** The blocked and general computations against each other and against the textbook n x n formulas. */
class KenwardRogerPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"dyestuff_reml", "pastes_nested_reml", "sleepstudy_reml", "sleepstudy_uncorr_reml",
            "penicillin_crossed_reml"})
    void agreesWithDenseFormulas(String id) {
        ReferenceCases.Case c = ReferenceCases.load(id);
        DenseKenwardRoger dense = new DenseKenwardRoger(c.design(), c.covariances(), c.sigma2());
        KenwardRoger general = KenwardRoger.prepare(c.design(), c.covariances(), c.sigma2(), KenwardRoger.Path.GENERAL);
        assertClose(dense.phiA, general.adjustedCovariance(), 1e-8);
        assertClose(dense.phi, general.covariance(), 1e-8);
        if (!id.startsWith("penicillin")) {
            KenwardRoger blocked = KenwardRoger.prepare(c.design(), c.covariances(), c.sigma2(),
                    KenwardRoger.Path.BLOCKED);
            assertEquals(KenwardRoger.Path.BLOCKED, blocked.path());
            assertClose(dense.phiA, blocked.adjustedCovariance(), 1e-8);
        } else {
            assertEquals(KenwardRoger.Path.GENERAL,
                    KenwardRoger.prepare(c.design(), c.covariances(), c.sigma2()).path());
        }
    }

    @Test
    void blockedAndGeneralAgreeOnRandomSlopesWithSeveralContrasts() {
        ReferenceCases.Case c = ReferenceCases.load("hsb_rb_reml");
        KenwardRoger blocked = KenwardRoger.prepare(c.design(), c.covariances(), c.sigma2());
        KenwardRoger general = KenwardRoger.prepare(c.design(), c.covariances(), c.sigma2(), KenwardRoger.Path.GENERAL);
        assertEquals(KenwardRoger.Path.BLOCKED, blocked.path());
        assertClose(general.adjustedCovariance(), blocked.adjustedCovariance(), 1e-9);
        double[][] l = {{0, 1, 0, 0, 0, 0}, {0, 0, 0, 1, 0, 0}, {0, 0, 0, 0, 1, -1}};
        ContrastTest a = blocked.test(c.beta(), l);
        ContrastTest b = general.test(c.beta(), l);
        assertEquals(3, a.numDf());
        assertEquals(b.statistic(), a.statistic(), 1e-9 * Math.abs(b.statistic()));
        assertEquals(b.denDf(), a.denDf(), 1e-9 * b.denDf());
        assertTrue(a.denDf() > 100 && a.denDf() < c.design().rows(), "df " + a.denDf());
        // a repeated row does not change the test: rank 3
        double[][] l4 = {l[0], l[1], l[2], {0, 1, 0, 1, 0, 0}};
        ContrastTest d = blocked.test(c.beta(), l4);
        assertEquals(3, d.numDf());
        assertEquals(a.statistic(), d.statistic(), 1e-8 * a.statistic());
        assertEquals(a.denDf(), d.denDf(), 1e-8 * a.denDf());
    }

    @Test
    void singleRowFTestEqualsSquaredTTest() {
        ReferenceCases.Case c = ReferenceCases.load("hsb_rb_reml");
        KenwardRoger kr = KenwardRoger.prepare(c.design(), c.covariances(), c.sigma2());
        double[] row = {0, 0, 1, 0, 0, 0};
        ContrastTest t = kr.test(c.beta(), new double[][] {row});
        ContrastTest f = kr.test(c.beta(), new double[][] {row, row});
        assertEquals(1, f.numDf());
        assertEquals(t.statistic() * t.statistic(), f.statistic(), 1e-8 * f.statistic());
        assertEquals(t.p(), f.p(), 1e-6 * t.p());
    }

    @Test
    void threeLevelNestedDesignWithRandomSlopesAgreesWithDense() {
        DesignMatrices d = synthetic(12, 3, 5, 7L);
        List<double[][]> cov = List.of(new double[][] {{0.8, 0.2}, {0.2, 0.5}}, new double[][] {{1.5}});
        DenseKenwardRoger dense = new DenseKenwardRoger(d, cov, 2.0);
        KenwardRoger blocked = KenwardRoger.prepare(d, cov, 2.0);
        assertEquals(KenwardRoger.Path.BLOCKED, blocked.path());
        assertClose(dense.phiA, blocked.adjustedCovariance(), 1e-8);
        assertClose(dense.phiA, KenwardRoger.prepare(d, cov, 2.0, KenwardRoger.Path.GENERAL).adjustedCovariance(), 1e-8);
    }

    @Test
    void singularCovarianceIsAccepted() {
        DesignMatrices d = synthetic(10, 2, 4, 3L);
        List<double[][]> cov = List.of(new double[][] {{0.8, 0.4}, {0.4, 0.2}}, new double[][] {{0.0}});
        DenseKenwardRoger dense = new DenseKenwardRoger(d, cov, 1.0);
        KenwardRoger kr = KenwardRoger.prepare(d, cov, 1.0);
        assertClose(dense.phi, kr.covariance(), 1e-8);
        for (double[] row : kr.adjustedCovariance()) for (double v : row) assertTrue(Double.isFinite(v));
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        ReferenceCases.Case c = ReferenceCases.load("sleepstudy_reml");
        MultilevelException e = assertThrows(MultilevelException.class,
                () -> KenwardRoger.prepare(c.design(), List.of(), c.sigma2()));
        assertTrue(e.getMessage().contains("covariance matrices"), e.getMessage());
        assertThrows(MultilevelException.class, () -> KenwardRoger.prepare(c.design(), c.covariances(), 0.0));
        KenwardRoger kr = KenwardRoger.prepare(c.design(), c.covariances(), c.sigma2());
        assertThrows(MultilevelException.class, () -> kr.test(c.beta(), new double[][] {{1, 0, 0}}));
        assertThrows(MultilevelException.class, () -> kr.test(c.beta(), new double[][] {{0, 0}}));
    }

    /**
     * Clusters with sub-clusters: random intercept + slope of x per cluster, random intercept per sub-cluster;
     * fixed: intercept, x (within), w (cluster level), x:w.
     */
    static DesignMatrices synthetic(int clusters, int subs, int perSub, long seed) {
        Random rnd = new Random(seed);
        int n = clusters * subs * perSub;
        double[] x = new double[n * 4];
        double[] z1 = new double[n * 2];
        double[] z2 = new double[n];
        int[] l1 = new int[n];
        int[] l2 = new int[n];
        double[] y = new double[n];
        int i = 0;
        for (int c = 0; c < clusters; c++) {
            double w = rnd.nextGaussian();
            int size = perSub + (c % 3);
            for (int s = 0; s < subs; s++) {
                for (int r = 0; r < perSub; r++) {
                    double xv = rnd.nextGaussian() + (r == 0 && s == 0 ? size * 0.01 : 0);
                    x[i * 4] = 1;
                    x[i * 4 + 1] = xv;
                    x[i * 4 + 2] = w;
                    x[i * 4 + 3] = xv * w;
                    z1[i * 2] = 1;
                    z1[i * 2 + 1] = xv;
                    z2[i] = 1;
                    l1[i] = c;
                    l2[i] = c * subs + s;
                    y[i] = rnd.nextGaussian();
                    i++;
                }
            }
        }
        List<String> lv1 = new ArrayList<>();
        for (int c = 0; c < clusters; c++) lv1.add("c" + c);
        List<String> lv2 = new ArrayList<>();
        for (int c = 0; c < clusters * subs; c++) lv2.add("s" + c);
        FixedDesign fd = new FixedDesign(List.of("(Intercept)", "x", "w", "x:w"), x, new int[] {-1, 0, 1, 2},
                List.of("x", "w", "x:w"), List.of());
        List<RandomTerm> terms = List.of(new RandomTerm("cluster", lv1, l1, List.of("(Intercept)", "x"), z1),
                new RandomTerm("sub:cluster", lv2, l2, List.of("(Intercept)"), z2));
        int[] rows = new int[n];
        for (int k = 0; k < n; k++) rows[k] = k;
        return new DesignMatrices(ModelSpec.gaussian("y ~ x * w + (1 + x | cluster) + (1 | cluster:sub)"), y, null,
                null, fd, terms, rows, List.of());
    }

    static void assertClose(Mat expected, double[][] actual, double rel) {
        double[][] e = new double[expected.getNumRows()][expected.getNumCols()];
        for (int i = 0; i < e.length; i++) for (int j = 0; j < e[i].length; j++) e[i][j] = expected.get(i, j);
        assertClose(e, actual, rel);
    }

    static void assertClose(double[][] expected, double[][] actual, double rel) {
        double scale = 0;
        for (double[] row : expected) for (double v : row) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual[i][j], rel * scale, "entry " + i + "," + j);
            }
        }
    }
}
