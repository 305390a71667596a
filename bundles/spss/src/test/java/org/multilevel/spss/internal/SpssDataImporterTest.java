package org.multilevel.spss.internal;

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
import org.multilevel.api.descriptor.MeasureType;
import org.multilevel.data.internal.CsvDataImporter;

/** SPSS files written by R's haven (src/test/resources/make-files.R) against the shared CSV files and R's reading. */
class SpssDataImporterTest {
    private static final Path DATA = Path.of(System.getProperty("user.dir")).resolve("../../../shared/data").normalize();
    private static final Path FILES = Path.of("src/test/resources");
    private final SpssDataImporter importer = new SpssDataImporter();

    private Dataset read(String name) {
        return importer.read(FILES.resolve(name), ImportOptions.defaults());
    }

    /** Same names, kinds and values as the CSV file read by the CSV importer. */
    static void assertSameData(Dataset csv, Dataset other) {
        assertEquals(csv.name(), other.name());
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
                CategoricalColumn a = (CategoricalColumn) c;
                CategoricalColumn b = (CategoricalColumn) o;
                assertEquals(a.levels(), b.levels(), c.name());
                assertArrayEquals(a.codes(), b.codes(), c.name());
            }
        }
    }

    @Test
    void hsbEqualsTheCsvFileWithVariableLabelsAsTitles() {
        Dataset csv = new CsvDataImporter().read(DATA.resolve("hsb.csv"), ImportOptions.defaults());
        Dataset sav = read("hsb.sav");
        assertSameData(csv, sav);
        // attr(hsb$math, "label") <- "Mathematics achievement" in make-files.R
        assertEquals("Mathematics achievement", sav.column("math").orElseThrow().title());
        assertEquals("School ID", sav.column("school").orElseThrow().title());
        assertEquals("", sav.column("cses").orElseThrow().title());
        assertEquals(MeasureType.SCALE, sav.column("math").orElseThrow().measure());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sleepstudy.sav", "sleepstudy.zsav"})
    void sleepstudyEqualsTheCsvFile(String file) {
        Dataset csv = new CsvDataImporter().read(DATA.resolve("sleepstudy.csv"), ImportOptions.defaults());
        assertSameData(csv, read(file));
    }

    /*
     * R (haven 2.5): d <- read_sav("labels.sav", user_na = FALSE)
     *   d$score  12.50 NA 7.00 NA 3.25 NA 10.00 8.00   (99 user-missing; -5 in the missing range -9..-1)
     *   as_factor(d$region)  Zentrum Süd "Ärger Nord" Zentrum "Ärger Nord" Süd Süd NA
     *                        Levels: Zentrum Süd Ärger Nord 日本   (日本 = 4 is not used: dropped here)
     *   as_factor(d$grade)   low mid high mid low high NA mid
     *   d$city               "Köln" "" "Zürich" "Köln" "Bern" "Zürich" "Bern" "Köln"
     */
    @ParameterizedTest
    @ValueSource(strings = {"labels.sav", "labels.zsav"})
    void valueLabelsMissingValuesAndNonAsciiText(String file) {
        Dataset d = read(file);
        assertEquals(List.of("id", "score", "region", "grade", "city"), d.columnNames());
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

        CategoricalColumn grade = assertInstanceOf(CategoricalColumn.class, d.column("grade").orElseThrow());
        assertEquals(List.of("low", "mid", "high"), grade.levels());
        assertArrayEquals(new int[] {0, 1, 2, 1, 0, 2, -1, 1}, grade.codes());
        assertEquals(MeasureType.ORDINAL, grade.measure());

        CategoricalColumn city = assertInstanceOf(CategoricalColumn.class, d.column("city").orElseThrow());
        assertEquals(List.of("Bern", "Köln", "Zürich"), city.levels());
        assertArrayEquals(new int[] {1, -1, 2, 1, 0, 2, 0, 1}, city.codes());
    }

    @Test
    void recognisesSpssFilesByTheirSignature() throws IOException {
        byte[] head = Arrays.copyOf(Files.readAllBytes(FILES.resolve("labels.zsav")), 512);
        assertTrue(importer.reads(head, "anything.bin"));
        assertTrue(importer.reads(Arrays.copyOf(Files.readAllBytes(FILES.resolve("hsb.sav")), 512), "x"));
        assertFalse(importer.reads("school,math\n1,2\n".getBytes(StandardCharsets.US_ASCII), "x.sav"));
    }

    @Test
    void aTextFileNamedSavIsRefusedInOneLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data.sav");
        Files.writeString(file, "school,math\n1,2\n");
        DataException e = assertThrows(DataException.class, () -> importer.read(file, ImportOptions.defaults()));
        assertTrue(e.getMessage().contains("is not an SPSS system file"), e.getMessage());
    }

    @Test
    void aCutFileSaysSo(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(FILES.resolve("sleepstudy.sav"));
        for (int length : new int[] {100, 400, whole.length - 50}) {
            Path file = dir.resolve("cut" + length + ".sav");
            Files.write(file, Arrays.copyOf(whole, length));
            DataException e = assertThrows(DataException.class, () -> importer.read(file, ImportOptions.defaults()));
            assertTrue(e.getMessage().contains("cut short") || e.getMessage().contains("too short"), e.getMessage());
        }
        Path zcut = dir.resolve("cut.zsav");
        byte[] z = Files.readAllBytes(FILES.resolve("sleepstudy.zsav"));
        Files.write(zcut, Arrays.copyOf(z, z.length - 30));
        assertThrows(DataException.class, () -> importer.read(zcut, ImportOptions.defaults()));
    }

    @Test
    void missingAndEmptyFilesAreNamed(@TempDir Path dir) throws IOException {
        DataException missing = assertThrows(DataException.class,
                () -> importer.read(dir.resolve("none.sav"), ImportOptions.defaults()));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        Path empty = Files.createFile(dir.resolve("empty.sav"));
        DataException e = assertThrows(DataException.class, () -> importer.read(empty, ImportOptions.defaults()));
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
    }
}
