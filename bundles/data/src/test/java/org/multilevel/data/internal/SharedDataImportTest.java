package org.multilevel.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.multilevel.api.data.CategoricalColumn;
import org.multilevel.api.data.Column;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.data.NumericColumn;

/** Every data file of the shared folder, read as R's read.csv reads it. */
class SharedDataImportTest {
    private static final Path DATA = Path.of(System.getProperty("user.dir")).resolve("../../../shared/data").normalize();
    private final CsvDataImporter importer = new CsvDataImporter();

    private Dataset read(String name) {
        return importer.read(DATA.resolve(name), ImportOptions.defaults());
    }

    private static NumericColumn numeric(Dataset d, String name) {
        return assertInstanceOf(NumericColumn.class, d.column(name).orElseThrow(), name);
    }

    private static CategoricalColumn categorical(Dataset d, String name) {
        return assertInstanceOf(CategoricalColumn.class, d.column(name).orElseThrow(), name);
    }

    /** Data lines of a file counted independently of the importer (none of these files has quoted newlines). */
    private static long dataLines(String name) throws IOException {
        try (var lines = Files.lines(DATA.resolve(name))) {
            return lines.filter(l -> !l.isBlank()).count() - 1;
        }
    }

    @Test
    void hsbIsAllNumericWithItsDocumentedSize() throws IOException {
        Dataset d = read("hsb.csv");
        assertEquals(7185, d.rows());
        assertEquals(dataLines("hsb.csv"), d.rows());
        assertEquals(List.of("school", "math", "ses", "meanses", "cses", "sector", "minority", "female"), d.columnNames());
        for (Column c : d.columns()) {
            assertInstanceOf(NumericColumn.class, c, c.name());
            assertEquals(0, c.missingCount(), c.name());
        }
        assertEquals(1224.0, numeric(d, "school").values()[0]);
        assertEquals(5.876, numeric(d, "math").values()[0]);
        assertEquals(-1.0936170212766, numeric(d, "cses").values()[0]);
        assertEquals(Double.parseDouble(lastField("hsb.csv", 4)), numeric(d, "cses").values()[d.rows() - 1]);
    }

    private static String lastField(String name, int index) throws IOException {
        List<String> lines = Files.readAllLines(DATA.resolve(name));
        return lines.get(lines.size() - 1).split(",")[index];
    }

    @Test
    void verbaggTextColumnsAreFactorsWithSortedLevels() throws IOException {
        Dataset d = read("verbagg.csv");
        assertEquals(7584, d.rows());
        assertEquals(dataLines("verbagg.csv"), d.rows());
        assertEquals(List.of("N", "Y"), categorical(d, "r2").levels());
        assertEquals(List.of("F", "M"), categorical(d, "Gender").levels());
        assertEquals(List.of("curse", "scold", "shout"), categorical(d, "btype").levels());
        assertEquals(List.of("other", "self"), categorical(d, "situ").levels());
        assertEquals(List.of("do", "want"), categorical(d, "mode").levels());
        List<String> items = categorical(d, "item").levels();
        assertEquals(24, items.size());
        // R's en_US collation ignores case first: "S4wantCurse" sorts before "S4WantScold"
        assertEquals(List.of("S4DoShout", "S4wantCurse", "S4WantScold", "S4WantShout"), items.subList(20, 24));
        numeric(d, "Anger");
        numeric(d, "id");
        CategoricalColumn r2 = categorical(d, "r2");
        assertEquals("N", r2.levelOf(0));
    }

    @Test
    void smallReferenceDataSets() throws IOException {
        Dataset pastes = read("pastes.csv");
        assertEquals(60, pastes.rows());
        numeric(pastes, "strength");
        assertEquals(List.of("A", "B", "C", "D", "E", "F", "G", "H", "I", "J"), categorical(pastes, "batch").levels());
        assertEquals(List.of("a", "b", "c"), categorical(pastes, "cask").levels());

        Dataset penicillin = read("penicillin.csv");
        assertEquals(144, penicillin.rows());
        assertEquals(24, categorical(penicillin, "plate").levels().size());
        assertEquals("a", categorical(penicillin, "plate").levels().get(0));
        assertEquals(List.of("A", "B", "C", "D", "E", "F"), categorical(penicillin, "sample").levels());

        Dataset dyestuff = read("dyestuff.csv");
        assertEquals(30, dyestuff.rows());
        assertEquals(List.of("A", "B", "C", "D", "E", "F"), categorical(dyestuff, "Batch").levels());
        assertEquals(1545.0, numeric(dyestuff, "Yield").values()[0]);

        Dataset sleep = read("sleepstudy.csv");
        assertEquals(180, sleep.rows());
        assertEquals(249.56, numeric(sleep, "Reaction").values()[0]);
        numeric(sleep, "Days");
        numeric(sleep, "Subject");

        Dataset cbpp = read("cbpp.csv");
        assertEquals(56, cbpp.rows());
        for (Column c : cbpp.columns()) assertInstanceOf(NumericColumn.class, c);

        Dataset grouse = read("grouseticks.csv");
        assertEquals(403, grouse.rows());
        assertEquals(dataLines("grouseticks.csv"), grouse.rows());
        for (Column c : grouse.columns()) assertInstanceOf(NumericColumn.class, c);
        assertEquals("grouseticks", grouse.name());
    }

    @Test
    void everySharedFileReads() throws IOException {
        try (var files = Files.list(DATA)) {
            List<Path> csvs = files.filter(p -> p.toString().endsWith(".csv")).toList();
            assertTrue(csvs.size() >= 8);
            for (Path p : csvs) {
                Dataset d = importer.read(p, ImportOptions.defaults());
                assertEquals(dataLines(p.getFileName().toString()), d.rows(), p.toString());
            }
        }
    }
}
