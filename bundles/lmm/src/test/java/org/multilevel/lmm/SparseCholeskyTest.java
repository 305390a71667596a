package org.multilevel.lmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.fit.EstimationException;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.data.internal.CsvDataImporter;
import org.multilevel.formula.FormulaModelFrameBuilder;
import org.multilevel.lmm.bench.CrossedData;
import org.multilevel.lmm.internal.Crossproducts;
import org.multilevel.lmm.internal.Factorization;
import org.multilevel.lmm.internal.GeneralCholesky;
import org.multilevel.lmm.internal.GeneralEngine;
import org.multilevel.lmm.internal.ProfiledDeviance;
import org.multilevel.lmm.internal.RandomStructure;
import org.multilevel.lmm.internal.SparseCholesky;
import org.multilevel.transform.internal.CenteringService;

/**
 * The sparse supernodal factorization against the dense-Schur one on crossed models: every crossed shape of
 * the benchmark (small scale, read from CSV through the real importer and formula builder) and penicillin,
 * at several theta, including a boundary value: the REML and ML deviance agree to 1e-8 (relative), and so
 * do beta, the modes u, the conditional covariances and (R_X'R_X)^-1.
 */
class SparseCholeskyTest {
    @TempDir
    Path dir;

    private DesignMatrices design(CrossedData shape, double scale) throws Exception {
        Path csv = dir.resolve(shape.label() + ".csv");
        shape.writeCsv(csv, scale);
        var ds = new CsvDataImporter().read(csv, ImportOptions.defaults());
        return new FormulaModelFrameBuilder(new CenteringService()).build(ds, ModelSpec.gaussian(shape.formula()));
    }

    @Test
    void crossedShapesAgreeWithTheDenseFactorization() throws Exception {
        check(design(CrossedData.PANEL, 0.04));
        check(design(CrossedData.INSTEVAL, 0.03));
        check(design(CrossedData.SUBJECTS_ITEMS, 0.02));
        check(design(CrossedData.LARGE, 0.002));
    }

    @Test
    void penicillinAgreesWithTheDenseFactorization() {
        List<String> i = List.of("(Intercept)");
        check(new CsvDesigns("penicillin.csv").design("diameter ~ 1 + (1 | plate) + (1 | sample)", "diameter", i,
                List.of(new CsvDesigns.Re("plate", i), new CsvDesigns.Re("sample", i))));
    }

    private static void check(DesignMatrices d) {
        RandomStructure s = RandomStructure.of(d);
        Crossproducts cp = new Crossproducts(d, s);
        SparseCholesky sparse = new SparseCholesky(cp);
        GeneralCholesky dense = new GeneralCholesky(cp);
        int n = d.rows();
        int p = d.fixed().columns();
        double[] start = s.initialTheta();
        double[][] thetas = {start, scaled(start, 0.3), scaled(start, 2.5), boundary(start)};
        for (double[] th : thetas) {
            Factorization fs = sparse.factor(s.lambdas(th));
            Factorization fd = dense.factor(s.lambdas(th));
            for (boolean reml : new boolean[] {true, false}) {
                double a = new ProfiledDeviance(s, sparse, reml, n, p).criterion(fs);
                double b = new ProfiledDeviance(s, dense, reml, n, p).criterion(fd);
                assertEquals(b, a, 1e-8 * Math.abs(b), "deviance at " + java.util.Arrays.toString(th));
            }
            close(fd.beta(), fs.beta(), "beta");
            close(fd.rxInverse(), fs.rxInverse(), "rxInverse");
            double[][] ud = fd.u();
            double[][] us = fs.u();
            double[][] cd = fd.condCov();
            double[][] cs = fs.condCov();
            for (int k = 0; k < ud.length; k++) {
                close(ud[k], us[k], "u of factor " + k);
                close(cd[k], cs[k], "condCov of factor " + k);
            }
        }
    }

    private static void close(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (double v : expected) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-8 * Math.max(scale, 1e-300), what + " [" + i + "]");
        }
    }

    private static double[] scaled(double[] th, double f) {
        double[] out = th.clone();
        for (int i = 0; i < out.length; i++) out[i] = th[i] == 0 ? 0.1 * f : th[i] * f;
        return out;
    }

    /** The first variance on its bound (zero): a singular fit's factor must still be exact. */
    private static double[] boundary(double[] th) {
        double[] out = scaled(th, 0.7);
        out[0] = 0;
        return out;
    }

    @Test
    void aModelNeedingMoreMemoryThanAvailableIsRefusedWithTheAmount() throws Exception {
        DesignMatrices d = design(CrossedData.PANEL, 0.04);
        RandomStructure s = RandomStructure.of(d);
        Crossproducts cp = new Crossproducts(d, s);
        EstimationException e = assertThrows(EstimationException.class, () -> GeneralEngine.analyse(cp, 1000));
        assertTrue(e.getMessage().contains("GB to factor") && e.getMessage().contains("-Xmx"), e.getMessage());
        // with the real memory the same model is factored, by the sparse scheme (its symbolic cost is lower)
        GeneralEngine.Choice c = GeneralEngine.analyse(cp);
        assertTrue(c.sparse() && c.sparseFlops() < c.denseFlops(), c.toString());
    }

    @Test
    void fullyCrossedSmallDesignsKeepTheDenseSchemeWhenItIsCheaper() throws Exception {
        // every subject sees every item: the Schur block after the items is dense anyway
        DesignMatrices d = design(CrossedData.SUBJECTS_ITEMS, 0.02);
        RandomStructure s = RandomStructure.of(d);
        GeneralEngine.Choice c = GeneralEngine.analyse(new Crossproducts(d, s));
        assertEquals(c.denseFlops() < c.sparseFlops(), !c.sparse(), c.toString());
    }
}
