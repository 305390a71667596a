package org.multilevel.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.model.Centering;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.FrameReport;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.model.Transform;
import org.multilevel.data.internal.CsvDataImporter;
import org.multilevel.transform.internal.CenteringService;

/**
 * Issue 9 item 2: a column R's read.csv reads as a factor because some values are text ("1, 2, 3, K") is a
 * factor with R's levels where R uses it as one, and an error naming the cell where a number is needed.
 */
class TextAmongNumbersTest {
    @TempDir
    Path dir;

    private final FormulaModelFrameBuilder builder = new FormulaModelFrameBuilder(new CenteringService());

    private Dataset csv(String name, String content) throws IOException {
        Path file = Files.writeString(dir.resolve(name), content);
        return new CsvDataImporter().read(file, ImportOptions.defaults());
    }

    /**
     * 48 rows written by R (bundles/analysis/src/test/resources/text-among-numbers/grades.R): grade 1, 2, 3, K;
     * kids 0, 1, 2, 3+; x numbers; eight schools.
     */
    private Dataset grades() throws IOException {
        return csv("grades.csv", """
            school,grade,kids,x,y
            s1,3,2,-1,8.45
            s1,1,2,-0.57,8.27
            s1,2,0,1.75,10.27
            s1,3,3+,-0.55,6.38
            s1,K,2,-0.86,10.02
            s1,3,0,0.05,8.69
            s2,3,1,-0.2,9.86
            s2,K,2,-1.1,12.42
            s2,K,3+,0.24,13.48
            s2,3,1,0.38,9.92
            s2,2,2,2.23,12.83
            s2,K,0,1.2,11.5
            s3,1,0,0.28,7.45
            s3,2,2,-1.2,7.4
            s3,1,2,0.47,9.32
            s3,2,2,0.35,8.87
            s3,K,1,-0.59,11.42
            s3,3,2,-0.85,6.84
            s4,K,2,-0.25,12.34
            s4,2,2,1.54,12.46
            s4,1,1,0.55,10.44
            s4,2,0,1.56,10.53
            s4,K,2,0.25,13.74
            s4,1,0,-1.96,10.66
            s5,1,0,-0.81,10.83
            s5,1,2,-0.5,11.96
            s5,2,1,0.31,11.7
            s5,2,3+,-0.29,8.77
            s5,3,2,1.46,11.65
            s5,2,3+,0.87,11.44
            s6,K,1,-0.95,9.37
            s6,2,0,-0.03,8.08
            s6,2,0,0.11,8.74
            s6,3,2,-1.05,8.46
            s6,3,3+,0.16,8.68
            s6,2,2,1.3,11.01
            s7,2,3+,-1.16,11.24
            s7,1,0,0.22,11.62
            s7,1,3+,0.8,8.53
            s7,1,3+,-0.73,9.68
            s7,2,0,-1.62,8.3
            s7,3,1,0.84,10.83
            s8,3,2,-0.35,7.94
            s8,3,2,-0.72,6.94
            s8,1,2,-0.94,8.92
            s8,3,3+,0.73,6.68
            s8,1,2,-0.44,8.02
            s8,K,0,-0.25,9.86
            """);
    }

    @Test
    void aColumnWithTextAmongFewNumbersIsAFactorWithRsLevels() throws IOException {
        DesignMatrices d = builder.build(grades(), ModelSpec.gaussian("y ~ grade + kids + x + (1 | school)"));
        // R: r <- read.csv("grades.csv"); levels(factor(r$grade)) "1" "2" "3" "K"; levels(factor(r$kids))
        // "0" "1" "2" "3+"; names(fixef(lmer(y ~ grade + kids + x + (1 | school), r))):
        assertEquals(List.of("(Intercept)", "grade2", "grade3", "gradeK", "kids1", "kids2", "kids3+", "x"),
                d.fixed().columnNames());
        FrameReport frame = d.frame();
        assertEquals(List.of(new FrameReport.TextInNumbers("grade", List.of("K"), 4),
                new FrameReport.TextInNumbers("kids", List.of("3+"), 4)), frame.readAsCategorical());
        assertEquals(Map.of("grade", "1", "kids", "0"), frame.referenceLevels());
        assertEquals(List.of("column 'grade' is read as categorical (4 levels) because of its text value 'K', as R's"
                + " read.csv reads it", "column 'kids' is read as categorical (4 levels) because of its text value"
                + " '3+', as R's read.csv reads it"), frame.warnings());
        assertEquals(',', frame.source().delimiter());
        assertEquals('.', frame.source().decimalMark());
    }

    @Test
    void birthOrderCodesSortAsR() throws IOException {
        // R: levels(factor(c("46", "01", "7p", "23"))) "01" "23" "46" "7p"
        StringBuilder s = new StringBuilder("y,bord,g\n");
        String[] order = {"46", "01", "7p", "23", "01", "46"};
        for (int i = 0; i < 12; i++) s.append(i % 5).append(',').append(order[i % 6]).append(",g").append(i % 3).append('\n');
        DesignMatrices d = builder.build(csv("bord.csv", s.toString()), ModelSpec.gaussian("y ~ bord + (1 | g)"));
        assertEquals(List.of("(Intercept)", "bord23", "bord46", "bord7p"), d.fixed().columnNames());
        assertEquals(List.of("7p"), d.frame().readAsCategorical().get(0).textValues());
    }

    @Test
    void anExplicitFactorOrAGroupingFactorGetsNoWarning() throws IOException {
        DesignMatrices d = builder.build(grades(), ModelSpec.gaussian("y ~ factor(grade) + x + (1 | kids)"));
        assertEquals(List.of(), d.frame().readAsCategorical());
        assertEquals(List.of(), d.frame().warnings());
        assertEquals(Map.of("factor(grade)", "1"), d.frame().referenceLevels());
    }

    @Test
    void aChosenReferenceLevelIsRecorded() throws IOException {
        ModelSpec spec = new ModelSpec("y ~ grade + (1 | school)", Family.GAUSSIAN, null, Map.of("grade", "K"), List.of());
        DesignMatrices d = builder.build(grades(), spec);
        assertEquals(List.of("(Intercept)", "grade1", "grade2", "grade3"), d.fixed().columnNames());
        assertEquals(Map.of("grade", "K"), d.frame().referenceLevels());
    }

    @Test
    void aFewLevelsColumnIsAFactorRandomSlopeToo() throws IOException {
        DesignMatrices d = builder.build(grades(), ModelSpec.gaussian("y ~ 1 + (kids | school)"));
        assertEquals(List.of("(Intercept)", "kids1", "kids2", "kids3+"), d.random().get(0).effectNames());
        assertEquals("kids", d.frame().readAsCategorical().get(0).column());
    }

    /** 60 measurements with one typo ("1O.5", a letter O) in data row 17. */
    private Dataset typo() throws IOException {
        StringBuilder s = new StringBuilder("y,rt,g\n");
        for (int i = 0; i < 60; i++) {
            s.append(i % 7).append(',').append(i == 16 ? "1O.5" : String.valueOf(200 + i * 3.25)).append(",g")
                    .append(i % 5).append('\n');
        }
        return csv("typo.csv", s.toString());
    }

    private String failure(Dataset data, ModelSpec spec) {
        MultilevelException e = assertThrows(MultilevelException.class, () -> builder.build(data, spec));
        return e.getMessage();
    }

    @Test
    void aTypoAmongMeasurementsFailsWhereANumberIsNeeded() throws IOException {
        Dataset data = typo();
        String expected = "column 'rt' holds text ('1O.5' in data row 17, not counting the header) although its"
                + " other values are numbers; fix or remove that cell, or use factor(rt) if rt is meant to be categorical";
        assertEquals(expected, failure(data, ModelSpec.gaussian("rt ~ y + (1 | g)")));
        assertEquals(expected, failure(data, ModelSpec.gaussian("y ~ I(rt / 100) + (1 | g)")));
        assertEquals(expected, failure(data, ModelSpec.gaussian("y ~ log(rt) + (1 | g)")));
        assertEquals(expected, failure(data, ModelSpec.gaussian("y ~ 1 + (rt | g)")));
        ModelSpec centered = new ModelSpec("y ~ rt + (1 | g)", Family.GAUSSIAN, null, Map.of(),
                List.of(new Centering("rt", Transform.GRAND_MEAN_CENTERED, null)));
        assertEquals(expected, failure(data, centered));
    }

    @Test
    void aTypoColumnAsAPlainPredictorIsAFactorWithAWarningNamingTheCell() throws IOException {
        DesignMatrices d = builder.build(typo(), ModelSpec.gaussian("y ~ rt + (1 | g)"));
        assertEquals(60, d.fixed().columnNames().size() + d.fixed().dropped().size(), "a factor of 60 levels");
        assertEquals(List.of("column 'rt' is read as categorical (60 levels) because of its text value '1O.5', as"
                + " R's read.csv reads it; if rt is meant to be a number, fix that cell (the first in data row 17,"
                + " not counting the header)"), d.frame().warnings());
    }

    @Test
    void numbersWithACommaInACommaSeparatedFileAreTextAndTheWarningSaysWhy() throws IOException {
        StringBuilder s = new StringBuilder("y\tincome\tg\n");
        String[] income = {"40,606", "38,250", "51,004", "2.5", "3.5", "4.5", "5.5"};
        for (int i = 0; i < 14; i++) s.append(i % 4).append('\t').append(income[i % 7]).append("\tg").append(i % 3).append('\n');
        DesignMatrices d = builder.build(csv("income.tsv", s.toString()), ModelSpec.gaussian("y ~ income + (1 | g)"));
        assertEquals(List.of("column 'income' is read as categorical (7 levels) because of its text values '38,250',"
                + " '40,606', '51,004', as R's read.csv reads it; numbers written with a comma are text: a decimal comma"
                + " is recognised only in ';'-separated files, and thousands separators never"), d.frame().warnings());
    }

    @Test
    void centeringFunctionsAndOptionsAreRecorded() {
        Dataset hsb = TestData.read("hsb.csv");
        ModelSpec spec = new ModelSpec("math ~ cwc(ses, school) + scale(meanses) + female + (1 | school)",
                Family.GAUSSIAN, null, Map.of(),
                List.of(new Centering("female", Transform.GRAND_MEAN_CENTERED, null)));
        DesignMatrices d = builder.build(hsb, spec);
        assertEquals(List.of(
                new FrameReport.AppliedCentering("female", "female", Transform.GRAND_MEAN_CENTERED, null, true),
                new FrameReport.AppliedCentering("cwc(ses, school)", "ses", Transform.WITHIN_CLUSTER, "school", false),
                new FrameReport.AppliedCentering("scale(meanses)", "meanses", Transform.Z_SCORE, null, false)),
                d.frame().centering());
        assertEquals("UTF-8", d.frame().source().encoding());
        assertTrue(d.frame().warnings().isEmpty());
    }
}
