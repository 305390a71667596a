package org.multilevel.excel.internal;

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

/** Workbooks written by R's openxlsx (src/test/resources/make-files.R) against the shared CSV files and R's reading. */
class ExcelDataImporterTest {
    private static final Path DATA = Path.of(System.getProperty("user.dir")).resolve("../../../shared/data").normalize();
    private static final Path FILES = Path.of("src/test/resources");
    private final ExcelDataImporter importer = new ExcelDataImporter();

    private Dataset read(String name) {
        return importer.read(FILES.resolve(name), ImportOptions.defaults());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hsb", "sleepstudy"})
    void theSharedDataEqualTheCsvFiles(String name) {
        Dataset csv = new CsvDataImporter().read(DATA.resolve(name + ".csv"), ImportOptions.defaults());
        Dataset xlsx = read(name + ".xlsx");
        assertEquals(name, xlsx.name());
        assertEquals(csv.columnNames(), xlsx.columnNames());
        assertEquals(csv.rows(), xlsx.rows());
        for (Column c : csv.columns()) {
            double[] expected = assertInstanceOf(NumericColumn.class, c).values();
            double[] actual = assertInstanceOf(NumericColumn.class, xlsx.column(c.name()).orElseThrow()).values();
            // openxlsx writes R's numbers with 15 significant digits, as the CSV files have them
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 2 * Math.ulp(expected[i]), c.name() + " row " + (i + 1));
            }
        }
    }

    /*
     * R (openxlsx 4.2.5): read.xlsx("labels.xlsx")
     *   id score   city  when  flag total
     *    1 12.50   Köln 43831  TRUE     2
     *    2    NA Zürich 44362 FALSE     4
     *    3  7.00   <NA>    NA  TRUE     6
     *    4  3.25   Köln 36525    NA     8
     *    5    NA   日本 43832 FALSE    10      (score: the text "NA")
     *    6  8.00   Bern 45351  TRUE    12
     */
    @Test
    void firstSheetWithMissingCellsNonAsciiTextDatesLogicalsAndFormulas() {
        Dataset d = read("labels.xlsx");
        assertEquals(List.of("id", "score", "city", "when", "flag", "total"), d.columnNames());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, numeric(d, "id"));
        assertArrayEquals(new double[] {12.5, Double.NaN, 7, 3.25, Double.NaN, 8}, numeric(d, "score"));
        assertArrayEquals(new double[] {43831, 44362, Double.NaN, 36525, 43832, 45351}, numeric(d, "when"));
        assertArrayEquals(new double[] {2, 4, 6, 8, 10, 12}, numeric(d, "total"));
        CategoricalColumn city = assertInstanceOf(CategoricalColumn.class, d.column("city").orElseThrow());
        assertEquals(List.of("Bern", "Köln", "Zürich", "日本"), city.levels());
        assertArrayEquals(new int[] {1, 2, -1, 1, 3, 0}, city.codes());
        CategoricalColumn flag = assertInstanceOf(CategoricalColumn.class, d.column("flag").orElseThrow());
        assertEquals(List.of("FALSE", "TRUE"), flag.levels());
        assertArrayEquals(new int[] {1, 0, 1, -1, 0, 1}, flag.codes());
    }

    /* R: read.xlsx("labels.xlsx", sheet = "Zweites Blatt"): a = 1 2 3, b = x y x */
    @Test
    void aSheetByName() {
        Dataset d = importer.read(FILES.resolve("labels.xlsx"), ImportOptions.defaults().with(ImportOptions.SHEET,
                "Zweites Blatt"));
        assertArrayEquals(new double[] {1, 2, 3}, numeric(d, "a"));
        CategoricalColumn b = assertInstanceOf(CategoricalColumn.class, d.column("b").orElseThrow());
        assertEquals(List.of("x", "y"), b.levels());
        assertArrayEquals(new int[] {0, 1, 0}, b.codes());
    }

    @Test
    void anUnknownSheetNamesTheSheetsThereAre() {
        DataException e = assertThrows(DataException.class, () -> importer.read(FILES.resolve("labels.xlsx"),
                ImportOptions.defaults().with(ImportOptions.SHEET, "Daten2")));
        assertTrue(e.getMessage().contains("no sheet named 'Daten2'; its sheets are 'Daten', 'Zweites Blatt'"),
                e.getMessage());
    }

    @Test
    void aFormulaNeverComputedIsAnError() {
        DataException e = assertThrows(DataException.class, () -> read("nocache.xlsx"));
        assertTrue(e.getMessage().contains("B2") && e.getMessage().contains("never computed"), e.getMessage());
    }

    @Test
    void recognisesWorkbooks() throws IOException {
        byte[] head = Arrays.copyOf(Files.readAllBytes(FILES.resolve("labels.xlsx")), 512);
        assertTrue(importer.reads(head, "labels.xlsx"));
        assertFalse(importer.reads(head, "labels.zip") && !new String(head, StandardCharsets.ISO_8859_1)
                .substring(30, 33).equals("xl/"));
        assertFalse(importer.reads("a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII), "x.xlsx"));
        // an Excel 97-2003 file is claimed (to be refused with advice); a text file named .xls is left to CSV
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0};
        assertTrue(importer.reads(ole2, "old.XLS"));
        assertFalse(importer.reads(ole2, "letter.doc"));
        assertFalse(importer.reads("a\tb\n1\t2\n".getBytes(StandardCharsets.US_ASCII), "export.xls"));
    }

    @Test
    void otherFilesAreRefusedInOneLine(@TempDir Path dir) throws IOException {
        Path text = dir.resolve("data.xlsx");
        Files.writeString(text, "a,b\n1,2\n");
        DataException e = assertThrows(DataException.class, () -> importer.read(text, ImportOptions.defaults()));
        assertTrue(e.getMessage().contains("is not an Excel .xlsx workbook"), e.getMessage());
        Path xls = dir.resolve("old.xls");
        Files.write(xls, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
            (byte) 0xE1, 0, 0});
        DataException old = assertThrows(DataException.class, () -> importer.read(xls, ImportOptions.defaults()));
        assertTrue(old.getMessage().contains("Excel 97-2003"), old.getMessage());
        byte[] whole = Files.readAllBytes(FILES.resolve("labels.xlsx"));
        Path cut = dir.resolve("cut.xlsx");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        DataException c = assertThrows(DataException.class, () -> importer.read(cut, ImportOptions.defaults()));
        assertTrue(c.getMessage().startsWith("Excel file " + cut), c.getMessage());
        DataException none = assertThrows(DataException.class,
                () -> importer.read(dir.resolve("none.xlsx"), ImportOptions.defaults()));
        assertTrue(none.getMessage().contains("does not exist"), none.getMessage());
    }

    private static double[] numeric(Dataset d, String name) {
        return assertInstanceOf(NumericColumn.class, d.column(name).orElseThrow(), name).values();
    }
}
