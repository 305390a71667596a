package org.multilevel.stata.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.multilevel.api.data.CategoricalColumn;
import org.multilevel.api.data.Column;
import org.multilevel.api.data.DataException;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.data.NumericColumn;
import org.multilevel.data.internal.CsvDataImporter;

/** Stata files written by R's haven (src/test/resources/make-files.R) against the shared CSV files and R's reading. */
class StataDataImporterTest {
    private static final Path DATA = Path.of(System.getProperty("user.dir")).resolve("../../../shared/data").normalize();
    private static final Path FILES = Path.of("src/test/resources");
    private final StataDataImporter importer = new StataDataImporter();

    private Dataset read(String name) {
        return importer.read(FILES.resolve(name), ImportOptions.defaults());
    }

    /** Same names, kinds and values as the CSV file read by the CSV importer. */
    static void assertSameData(Dataset csv, Dataset other) {
        assertEquals(csv.columnNames(), other.columnNames());
        assertEquals(csv.rows(), other.rows());
        for (Column c : csv.columns()) {
            Column o = other.column(c.name()).orElseThrow();
            assertEquals(c.getClass(), o.getClass(), c.name());
            if (c instanceof NumericColumn n) {
                // R's read.csv (which made the file) may round a decimal 1 ulp off the correctly rounded value
                double[] expected = n.values();
                double[] actual = ((NumericColumn) o).values();
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 2 * Math.ulp(expected[i]), c.name() + " row " + (i + 1));
                }
            } else {
                assertEquals(((CategoricalColumn) c).levels(), ((CategoricalColumn) o).levels(), c.name());
                assertArrayEquals(((CategoricalColumn) c).codes(), ((CategoricalColumn) o).codes(), c.name());
            }
        }
    }

    @Test
    void hsbEqualsTheCsvFileWithVariableLabelsAsTitles() {
        Dataset csv = new CsvDataImporter().read(DATA.resolve("hsb.csv"), ImportOptions.defaults());
        Dataset dta = read("hsb.dta");
        assertEquals("hsb", dta.name());
        assertSameData(csv, dta);
        assertEquals("Mathematics achievement", dta.column("math").orElseThrow().title());
        assertEquals("School ID", dta.column("school").orElseThrow().title());
        assertEquals("", dta.column("cses").orElseThrow().title());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sleepstudy.dta", "sleepstudy-119.dta"})
    void sleepstudyInFormats117And119EqualsTheCsvFile(String file) {
        Dataset csv = new CsvDataImporter().read(DATA.resolve("sleepstudy.csv"), ImportOptions.defaults());
        assertSameData(csv, read(file));
        assertEquals("Average reaction time (ms)", read(file).column("Reaction").orElseThrow().title());
    }

    /*
     * R (haven 2.5): d <- read_dta("labels.dta")
     *   d$score   12.50 NA(a) 7.00 NA 3.25 NA(b) 10.00 8.00
     *   as_factor(d$region)  Zentrum Süd "Ärger Nord" Zentrum "Ärger Nord" Süd Süd NA
     *                        Levels: Zentrum Süd Ärger Nord 日本   (日本 = 4 is not used: dropped here)
     *   d$city   "Köln" "" "Zürich" "Köln" "Bern" "Zürich" "Bern" "Köln"
     *   nchar(d$note)  3000 0 4 0 4 3000 0 4   (a strL)
     */
    @Test
    void valueLabelsMissingValuesNonAsciiTextAndLongStrings() {
        Dataset d = read("labels.dta");
        assertEquals(List.of("id", "score", "region", "city", "note"), d.columnNames());
        NumericColumn id = assertInstanceOf(NumericColumn.class, d.column("id").orElseThrow());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, id.values());
        assertEquals("", id.title());

        NumericColumn score = assertInstanceOf(NumericColumn.class, d.column("score").orElseThrow());
        assertArrayEquals(new double[] {12.5, Double.NaN, 7, Double.NaN, 3.25, Double.NaN, 10, 8}, score.values());
        assertEquals("Testwert (Ärger)", score.title());

        CategoricalColumn region = assertInstanceOf(CategoricalColumn.class, d.column("region").orElseThrow());
        assertEquals(List.of("Zentrum", "Süd", "Ärger Nord"), region.levels());
        assertArrayEquals(new int[] {0, 1, 2, 0, 2, 1, 1, -1}, region.codes());
        assertEquals("Region", region.title());

        CategoricalColumn city = assertInstanceOf(CategoricalColumn.class, d.column("city").orElseThrow());
        assertEquals(List.of("Bern", "Köln", "Zürich"), city.levels());
        assertArrayEquals(new int[] {1, -1, 2, 1, 0, 2, 0, 1}, city.codes());

        CategoricalColumn note = assertInstanceOf(CategoricalColumn.class, d.column("note").orElseThrow());
        assertEquals(List.of("kurz", "lang ".repeat(600)), note.levels());
        assertArrayEquals(new int[] {1, -1, 0, -1, 0, 1, -1, 0}, note.codes());
    }

    /* R: read_dta("labels-117.dta")$region: Zentrum Sued Nord Zentrum Nord Sued Sued NA; city as in labels.dta */
    @Test
    void format117WithUtf8TextAsHavenWritesIt() {
        Dataset d = read("labels-117.dta");
        CategoricalColumn region = assertInstanceOf(CategoricalColumn.class, d.column("region").orElseThrow());
        assertEquals(List.of("Zentrum", "Sued", "Nord"), region.levels());
        assertArrayEquals(new int[] {0, 1, 2, 0, 2, 1, 1, -1}, region.codes());
        CategoricalColumn city = assertInstanceOf(CategoricalColumn.class, d.column("city").orElseThrow());
        assertEquals(List.of("Bern", "Köln", "Zürich"), city.levels());
        assertEquals(List.of("kurz", "lang ".repeat(600)),
                ((CategoricalColumn) d.column("note").orElseThrow()).levels());
    }

    @Test
    void recognisesStataFilesByTheirSignature() throws IOException {
        assertTrue(importer.reads(Arrays.copyOf(Files.readAllBytes(FILES.resolve("hsb.dta")), 512), "x.bin"));
        assertFalse(importer.reads("school,math\n1,2\n".getBytes(StandardCharsets.US_ASCII), "x.dta"));
    }

    @Test
    void otherFilesNamedDtaAreRefusedInOneLine(@TempDir Path dir) throws IOException {
        Path text = dir.resolve("data.dta");
        Files.writeString(text, "school,math\n1,2\n");
        DataException e = assertThrows(DataException.class, () -> importer.read(text, ImportOptions.defaults()));
        assertTrue(e.getMessage().contains("is not a Stata .dta file"), e.getMessage());
        Path old = dir.resolve("old.dta");
        Files.write(old, new byte[] {114, 2, 1, 0, 5, 0, 10, 0, 0, 0});
        DataException o = assertThrows(DataException.class, () -> importer.read(old, ImportOptions.defaults()));
        assertTrue(o.getMessage().contains("old format 114"), o.getMessage());
    }

    @Test
    void aCutFileSaysSo(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(FILES.resolve("labels.dta"));
        for (int length : new int[] {20, 200, 1000, whole.length / 2, whole.length - 10}) {
            Path file = dir.resolve("cut" + length + ".dta");
            Files.write(file, Arrays.copyOf(whole, length));
            DataException e = assertThrows(DataException.class, () -> importer.read(file, ImportOptions.defaults()));
            assertTrue(e.getMessage().contains("cut short") || e.getMessage().contains("damaged"), e.getMessage());
        }
    }
}
