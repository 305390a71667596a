package org.multilevel.formula;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.NumericColumn;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.FixedDesign;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.transform.internal.CenteringService;

/** R's model.matrix semantics: coding of factors, interactions, names, assign, collinearity, transforms. */
class ModelMatrixTest {
    private final FormulaModelFrameBuilder builder = new FormulaModelFrameBuilder(new CenteringService());

    /** 12 rows: f in a,b,c; g in u,v; numeric x, z; cluster k in 4 groups. */
    private static Dataset data() {
        String[] f = {"a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c"};
        String[] g = {"u", "u", "v", "v", "u", "v", "u", "v", "u", "v", "v", "u"};
        double[] x = {1.5, 2, 3.5, 4, 5, 6.5, 7, 8, 9.5, 10, 11, 12};
        double[] z = {2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11.5};
        double[] y = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8};
        double[] k = {1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4};
        return TestData.of("toy", TestData.categorical("f", f), TestData.categorical("g", g), new NumericColumn("x", x),
                new NumericColumn("z", z), new NumericColumn("y", y), new NumericColumn("k", k));
    }

    private FixedDesign fixed(String formula) {
        return builder.build(data(), ModelSpec.gaussian(formula)).fixed();
    }

    @Test
    void factorsUseTreatmentContrastsWithRNames() {
        FixedDesign d = fixed("y ~ f * g");
        assertEquals(List.of("(Intercept)", "fb", "fc", "gv", "fb:gv", "fc:gv"), d.columnNames());
        assertArrayEquals(new int[] {-1, 0, 0, 1, 2, 2}, d.assign());
        assertEquals(List.of("f", "g", "f:g"), d.termLabels());
        // row 2 is f = c, g = v
        assertEquals(1.0, d.get(2, 2));
        assertEquals(1.0, d.get(2, 5));
        assertEquals(0.0, d.get(2, 4));
    }

    @Test
    void numericByFactor() {
        FixedDesign d = fixed("y ~ x * f");
        assertEquals(List.of("(Intercept)", "x", "fb", "fc", "x:fb", "x:fc"), d.columnNames());
        assertEquals(2.0, d.get(1, 4)); // x = 2, f = b
        assertEquals(0.0, d.get(1, 5));
    }

    @Test
    void missingMarginGivesIndicatorsForAllLevels() {
        // x is not in the model, so R codes f by all its levels inside x:f
        assertEquals(List.of("(Intercept)", "x:fa", "x:fb", "x:fc"), fixed("y ~ x:f").columnNames());
        assertEquals(List.of("fa", "fb", "fc"), fixed("y ~ 0 + f").columnNames());
        assertEquals(List.of("fa", "fb", "fc", "gv"), fixed("y ~ f + g - 1").columnNames());
    }

    @Test
    void factorWithoutInterceptAfterNumericGetsAllLevels() {
        // R: the first factor of the first term holding one is coded by indicators when there is no intercept
        assertEquals(List.of("x", "fa", "fb", "fc"), fixed("y ~ 0 + x + f").columnNames());
    }

    @Test
    void factorOfNumbersAndTransformsAreNamedLikeR() {
        FixedDesign d = fixed("y ~ factor(k) + I(x^2) + log(z) + sqrt(x) + exp(I(x/10)) + abs(I(-x))");
        assertEquals(List.of("(Intercept)", "factor(k)2", "factor(k)3", "factor(k)4", "I(x^2)", "log(z)", "sqrt(x)",
                "exp(I(x/10))", "abs(I(-x))"), d.columnNames());
        assertEquals(2.25, d.get(0, 4), 1e-15);
        assertEquals(Math.log(2), d.get(0, 5), 1e-15);
        assertEquals(Math.exp(0.15), d.get(0, 7), 1e-15);
        assertEquals(1.5, d.get(0, 8), 1e-15);
        assertEquals(List.of("(Intercept)", "factor(x)2", "factor(x)3.5"), fixed("y ~ factor(x)").columnNames().subList(0, 3));
        FixedDesign logs = fixed("y ~ log(z, 2) + log10(x)");
        assertEquals(List.of("(Intercept)", "log(z, 2)", "log10(x)"), logs.columnNames());
        assertEquals(1.0, logs.get(0, 1), 1e-15);
    }

    @Test
    void referenceLevelCanBeChosen() {
        ModelSpec spec = new ModelSpec("y ~ f + factor(k)", Family.GAUSSIAN, null, Map.of("f", "b", "k", "3"), List.of());
        FixedDesign d = builder.build(data(), spec).fixed();
        assertEquals(List.of("(Intercept)", "fa", "fc", "factor(k)1", "factor(k)2", "factor(k)4"), d.columnNames());
        ModelSpec bad = new ModelSpec("y ~ f", Family.GAUSSIAN, null, Map.of("f", "q"), List.of());
        MultilevelException e = assertThrows(MultilevelException.class, () -> builder.build(data(), bad));
        assertTrue(e.getMessage().contains("'q'") && e.getMessage().contains("a, b, c"), e.getMessage());
    }

    @Test
    void collinearColumnsAreDroppedAsLme4Does() {
        Dataset data = data().withColumn(new NumericColumn("x2", scaled(data(), "x", 2)))
                .withColumn(new NumericColumn("c", new double[12]))
                .withColumn(new NumericColumn("one", filled(12, 7)));
        DesignMatrices d = builder.build(data, ModelSpec.gaussian("y ~ x + z + x2 + one"));
        assertEquals(List.of("(Intercept)", "x", "z"), d.fixed().columnNames());
        assertEquals(List.of("x2", "one"), d.fixed().dropped());
        assertArrayEquals(new int[] {-1, 0, 1}, d.fixed().assign());
        assertEquals(List.of("x", "z", "x2", "one"), d.fixed().termLabels());
        assertTrue(d.notes().contains("fixed-effect model matrix is rank deficient so dropping 2 columns / coefficients: x2, one"),
                d.notes().toString());
        assertEquals(3 * 12, d.fixed().values().length);
        assertEquals(data.column("z").map(c -> ((NumericColumn) c).values()[5]).orElseThrow(), d.fixed().get(5, 2));
        // every cell of an interaction of all factor levels: the last one is aliased with the others
        FixedDesign all = fixed("y ~ f:g");
        assertEquals(List.of("fc:gv"), all.dropped());
    }

    @Test
    void centeringUsesTheAnalysedRowsOnlyScaleEveryRowWithX() {
        double[] y = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, Double.NaN};
        Dataset data = data().withColumn(new NumericColumn("y", y));
        DesignMatrices d = builder.build(data, ModelSpec.gaussian("y ~ scale(x) + gmc(z) + cwc(x, k) + cm(z, k) + cwz(z, k)"));
        assertEquals(11, d.rows());
        assertTrue(d.notes().get(0).startsWith("1 of 12 rows dropped"), d.notes().toString());
        double[] x = {1.5, 2, 3.5, 4, 5, 6.5, 7, 8, 9.5, 10, 11};
        double[] z = {2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12};
        // scale() as R: over all 12 rows where x is present (row 12 is dropped only because y is missing)
        double[] allX = {1.5, 2, 3.5, 4, 5, 6.5, 7, 8, 9.5, 10, 11, 12};
        double mx = mean(allX, 0, 12);
        double sd = 0;
        for (double v : allX) sd += (v - mx) * (v - mx);
        sd = Math.sqrt(sd / 11);
        double mz = mean(z, 0, 11);
        // cluster 4 lost a row: its mean is over rows 9 and 10
        double m4 = (10 + 11) / 2.0;
        for (int i = 0; i < 11; i++) {
            assertEquals((x[i] - mx) / sd, d.fixed().get(i, 1), 1e-12);
            assertEquals(z[i] - mz, d.fixed().get(i, 2), 1e-12);
        }
        assertEquals(11 - m4, d.fixed().get(10, 3), 1e-12);
        double zm4 = (9 + 12) / 2.0;
        assertEquals(zm4 - mz, d.fixed().get(10, 4), 1e-12);
        double zsd4 = Math.sqrt(((9 - zm4) * (9 - zm4) + (12 - zm4) * (12 - zm4)) / 1);
        assertEquals((12 - zm4) / zsd4, d.fixed().get(10, 5), 1e-12);
        assertEquals(List.of("(Intercept)", "scale(x)", "gmc(z)", "cwc(x, k)", "cm(z, k)", "cwz(z, k)"), d.fixed().columnNames());
    }

    @Test
    void scaleUsesEveryRowWhereItsArgumentIsPresentAsR() {
        double[] y = {3, Double.NaN, 4, 1, 5, 9, 2, Double.NaN, 5, 3, 5, 8};
        double[] x = {1.5, 2, 3.5, 4, 5, 6.5, 7, 8, 9.5, 10, 11, 12};
        double[] w = {2, 1, Double.NaN, 3, 6, 5, 8, 7, 10, 9, 12, 11.5};
        double[] x2 = {1, Double.NaN, 3, 4, 2, 6, 7, 8, 9, 10, 11, 30};
        Dataset data = TestData.of("na", new NumericColumn("y", y), new NumericColumn("x", x), new NumericColumn("w", w),
                new NumericColumn("x2", x2));
        DesignMatrices dm = builder.build(data, ModelSpec.gaussian("y ~ scale(x) + w + scale(x2)"));
        FixedDesign d = dm.fixed();
        // R 4.2: d <- data.frame(y, x, w, x2) as above (NA for NaN);
        //   mf <- model.frame(y ~ scale(x) + w + scale(x2), d); format(mf[["scale(x)"]], digits = 17)
        // rows 1,4,5,6,7,9,10,11,12 are analysed; scale(x) over all 12 x, scale(x2) over the 11 present x2
        double[] rScaleX = {-1.465802590996604149, -0.756543272772440933, -0.472839545482775570,
            -0.047283954548277635, 0.094567909096555020, 0.803827227320718318, 0.945679090965550917,
            1.229382818255216225, 1.513086545544881645};
        double[] rScaleX2 = {-0.917602568877867508, -0.539091509215747222, -0.791432215657160709,
            -0.286750802774333680, -0.160580449553626881, 0.091760256887786662, 0.217930610108493433,
            0.344100963329200205, 2.741337674522628998};
        assertEquals(9, dm.rows());
        for (int i = 0; i < 9; i++) {
            assertEquals(rScaleX[i], d.get(i, 1), 1e-14);
            assertEquals(rScaleX2[i], d.get(i, 3), 1e-14);
        }
    }

    @Test
    void centeringOptionReplacesTheVariable() {
        ModelSpec spec = new ModelSpec("y ~ x", Family.GAUSSIAN, null, Map.of(),
                List.of(new org.multilevel.api.model.Centering("x", org.multilevel.api.model.Transform.WITHIN_CLUSTER, "k")));
        DesignMatrices d = builder.build(data(), spec);
        assertEquals(1.5 - (1.5 + 2 + 3.5) / 3, d.fixed().get(0, 1), 1e-12);
    }

    @Test
    void offsetAndTransformedResponse() {
        DesignMatrices d = builder.build(data(), ModelSpec.of("y ~ x + offset(log(z)) + offset(x)", Family.POISSON));
        assertEquals(Math.log(2) + 1.5, d.offset()[0], 1e-15);
        assertEquals(List.of("(Intercept)", "x"), d.fixed().columnNames());
        DesignMatrices logged = builder.build(data(), ModelSpec.gaussian("log(y) ~ x"));
        assertEquals(Math.log(3), logged.y()[0], 1e-15);
        assertNull(logged.offset());
        DesignMatrices arith = builder.build(data(), ModelSpec.gaussian("I(y * 2 - z) ~ x"));
        assertEquals(3 * 2 - 2, arith.y()[0], 1e-15);
    }

    @Test
    void binomialResponses() {
        Dataset data = data().withColumn(TestData.categorical("yn", "N", "Y", "Y", "N", "N", "Y", "Y", "Y", "N", "N", "Y", "N"))
                .withColumn(new NumericColumn("s", new double[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3}));
        DesignMatrices d = builder.build(data, ModelSpec.of("yn ~ x", Family.BINOMIAL));
        assertArrayEquals(new double[] {0, 1, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0}, d.y());
        assertNull(d.weights());
        DesignMatrices c = builder.build(data, ModelSpec.of("cbind(s, 3 - s) ~ x", Family.BINOMIAL));
        assertEquals(2 / 3.0, c.y()[2], 1e-15);
        assertEquals(3.0, c.weights()[2]);
        MultilevelException e = assertThrows(MultilevelException.class,
                () -> builder.build(data, ModelSpec.of("cbind(s, 2 - s) ~ x", Family.BINOMIAL)));
        assertTrue(e.getMessage().contains("failures"), e.getMessage());
        e = assertThrows(MultilevelException.class, () -> builder.build(data, ModelSpec.of("cbind(s, x) ~ z", Family.BINOMIAL)));
        assertTrue(e.getMessage().contains("whole numbers"), e.getMessage());
        e = assertThrows(MultilevelException.class, () -> builder.build(data, ModelSpec.of("f ~ x", Family.BINOMIAL)));
        assertTrue(e.getMessage().contains("3 values"), e.getMessage());
        e = assertThrows(MultilevelException.class, () -> builder.build(data, ModelSpec.of("y ~ x", Family.BINOMIAL)));
        assertTrue(e.getMessage().contains("0/1"), e.getMessage());
    }

    private static double[] scaled(Dataset d, String column, double factor) {
        double[] v = ((NumericColumn) d.column(column).orElseThrow()).values().clone();
        for (int i = 0; i < v.length; i++) v[i] *= factor;
        return v;
    }

    private static double[] filled(int n, double value) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, value);
        return v;
    }

    private static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += v[i];
        return s / (to - from);
    }
}
