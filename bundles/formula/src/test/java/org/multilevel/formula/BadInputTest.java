package org.multilevel.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.NumericColumn;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.FormulaException;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.transform.internal.CenteringService;

/** Every user mistake of issue 2 that reaches the formula gives one clear sentence. */
class BadInputTest {
    private final FormulaModelFrameBuilder builder = new FormulaModelFrameBuilder(new CenteringService());
    private final Dataset hsb = TestData.read("hsb.csv");

    private String fail(Dataset data, String formula) {
        return fail(data, ModelSpec.gaussian(formula));
    }

    private String fail(Dataset data, ModelSpec spec) {
        MultilevelException e = assertThrows(MultilevelException.class, () -> builder.build(data, spec));
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void unknownColumnSuggestsTheClosestName() {
        String m = fail(hsb, "math ~ SES + (1 | school)");
        assertTrue(m.contains("no column 'SES'") && m.contains("did you mean 'ses'?"), m);
        m = fail(hsb, "math ~ ses + (1 | shcool)");
        assertTrue(m.contains("'shcool'") && m.contains("'school'"), m);
        m = fail(hsb, "mth ~ ses");
        assertTrue(m.contains("'math'"), m);
    }

    @Test
    void strayTextInANumericColumnIsNamedWithItsRow(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        StringBuilder csv = new StringBuilder("y,x,g\n");
        double[] y = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4};
        for (int i = 0; i < y.length; i++) {
            csv.append(y[i]).append(',').append(i == 7 ? "abc" : String.valueOf(1 + i % 3)).append(",A").append(10 + i % 4).append('\n');
        }
        java.nio.file.Path file = dir.resolve("badnum.csv");
        java.nio.file.Files.writeString(file, csv);
        Dataset data = new org.multilevel.data.internal.CsvDataImporter().read(file, org.multilevel.api.data.ImportOptions.defaults());
        // where a number is needed (issue 9 item 2 keeps the error there); as a plain predictor x is a factor,
        // as R's read.csv makes it (see TextAmongNumbersTest)
        String m = fail(data, "x ~ y + (1 | g)");
        assertTrue(m.startsWith("column 'x' holds text ('abc' in data row 8") && m.contains("factor(x)"), m);
        assertTrue(fail(data, "y ~ log(x) + (1 | g)").startsWith("column 'x' holds text"));
        assertTrue(fail(data, "y ~ I(x^2) + (1 | g)").startsWith("column 'x' holds text"));
        // the user says x is categorical: allowed, 4 levels (R's sort: "1" "2" "3" "abc")
        DesignMatrices d = builder.build(data, ModelSpec.gaussian("y ~ factor(x) + (1 | g)"));
        assertEquals(java.util.List.of("(Intercept)", "factor(x)2", "factor(x)3", "factor(x)abc"), d.fixed().columnNames());
        // grouping factors are categorical anyway
        assertEquals(20, builder.build(data, ModelSpec.gaussian("y ~ 1 + (1 | x)")).rows());
    }

    @Test
    void malformedFormulaNamesThePosition() {
        FormulaException e = assertThrows(FormulaException.class, () -> builder.build(hsb, ModelSpec.gaussian("math ~ ses + )")));
        assertEquals(13, e.position());
        e = assertThrows(FormulaException.class, () -> builder.build(hsb, ModelSpec.gaussian("math ~ foo(ses) + (1 | school)")));
        assertTrue(e.getMessage().contains("unknown function 'foo'"), e.getMessage());
        assertEquals(7, e.position());
    }

    @Test
    void nonNumericResponse() {
        Dataset v = TestData.read("verbagg.csv");
        String m = fail(v, "r2 ~ Anger + (1 | id)");
        assertTrue(m.contains("'r2' is categorical") && m.contains("binomial"), m);
        m = fail(v, ModelSpec.of("r2 ~ Anger + (1 | id)", Family.POISSON));
        assertTrue(m.contains("numeric response"), m);
    }

    @Test
    void responseWithoutVariance() {
        Dataset d = hsb.withColumn(new NumericColumn("flat", new double[hsb.rows()]));
        String m = fail(d, "flat ~ ses + (1 | school)");
        assertTrue(m.contains("no variance"), m);
    }

    @Test
    void groupingFactorWithOneLevel() {
        double[] one = new double[hsb.rows()];
        java.util.Arrays.fill(one, 7);
        String m = fail(hsb.withColumn(new NumericColumn("district", one)), "math ~ ses + (1 | district)");
        assertTrue(m.contains("'district' has only one level (7)"), m);
    }

    @Test
    void allRowsDropped() {
        double[] gone = new double[hsb.rows()];
        java.util.Arrays.fill(gone, Double.NaN);
        String m = fail(hsb.withColumn(new NumericColumn("w", gone)), "math ~ ses + w + (1 | school)");
        assertTrue(m.contains("no rows left") && m.contains("w: 7185"), m);
    }

    @Test
    void someRowsDroppedIsANote() {
        double[] ses = ((NumericColumn) hsb.column("ses").orElseThrow()).values().clone();
        ses[0] = Double.NaN;
        ses[10] = Double.NaN;
        DesignMatrices d = builder.build(hsb.withColumn(new NumericColumn("ses", ses)), ModelSpec.gaussian("math ~ ses + (1 | school)"));
        assertEquals(7183, d.rows());
        assertEquals(1, d.dataRows()[0]);
        assertTrue(d.notes().get(0).startsWith("2 of 7185 rows dropped"), d.notes().toString());
    }

    @Test
    void moreRandomEffectsThanTheDataCanIdentify() {
        Dataset s = TestData.read("sleepstudy.csv");
        double[] obs = new double[s.rows()];
        for (int i = 0; i < obs.length; i++) obs[i] = i;
        Dataset withObs = s.withColumn(new NumericColumn("obs", obs));
        String m = fail(withObs, "Reaction ~ Days + (1 | obs)");
        assertTrue(m.contains("number of levels of each grouping factor must be < number of observations (problems: obs"), m);
        // an observation-level random effect is allowed for a count model
        double[] counts = new double[s.rows()];
        for (int i = 0; i < counts.length; i++) counts[i] = i % 5;
        DesignMatrices d = builder.build(withObs.withColumn(new NumericColumn("n", counts)), ModelSpec.of("n ~ Days + (1 | obs)", Family.POISSON));
        assertEquals(180, d.random().get(0).levelCount());
        // 18 subjects x 10 effects of factor(Days) = 180 random effects for 180 observations
        m = fail(s, "Reaction ~ 1 + (factor(Days) | Subject)");
        assertTrue(m.contains("number of observations (=180) <= number of random effects (=180)"), m);
    }

    @Test
    void nonFiniteTransformNamesTheRow() {
        String m = fail(hsb, "math ~ log(ses) + (1 | school)");
        assertTrue(m.contains("'log(ses)' is not a finite number in data row 1"), m);
    }

    @Test
    void responseAmongPredictorsAndCategoricalArithmetic() {
        assertTrue(fail(hsb, "math ~ math + ses").contains("also appears"));
        Dataset v = TestData.read("verbagg.csv");
        String m = fail(v, "Anger ~ I(Gender * 2) + (1 | id)");
        assertTrue(m.contains("'Gender' is categorical"), m);
    }

    @Test
    void centeringWithoutTheServiceIsRefusedClearly() {
        MultilevelException e = assertThrows(MultilevelException.class,
                () -> new FormulaModelFrameBuilder().build(hsb, ModelSpec.gaussian("math ~ cwc(ses, school) + (1 | school)")));
        assertTrue(e.getMessage().contains("no centering/transform service"), e.getMessage());
    }
}
