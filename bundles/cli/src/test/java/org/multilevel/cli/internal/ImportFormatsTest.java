package org.multilevel.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command line reads SPSS, Stata and Excel files through the importer the registry has for them, and the
 * same data in each format gives the same fit as the CSV file (files written by R: see each importer bundle's
 * src/test/resources/make-files.R).
 */
class ImportFormatsTest {
    private static final Path BUNDLES = Path.of(System.getProperty("user.dir")).resolve("..").normalize();
    private static final String HSB = "math ~ ses + sector + (1 + ses | school)";
    private static final String SLEEP = "Reaction ~ Days + (Days | Subject)";

    static String file(String bundle, String name) {
        return BUNDLES.resolve(bundle).resolve("src/test/resources").resolve(name).toString();
    }

    @ParameterizedTest
    @CsvSource({"spss,hsb.sav,hsb.csv", "stata,hsb.dta,hsb.csv", "excel,hsb.xlsx,hsb.csv",
        "spss,sleepstudy.sav,sleepstudy.csv", "spss,sleepstudy.zsav,sleepstudy.csv",
        "stata,sleepstudy.dta,sleepstudy.csv", "stata,sleepstudy-119.dta,sleepstudy.csv",
        "excel,sleepstudy.xlsx,sleepstudy.csv"})
    void theSameDataInEachFormatGiveTheSameFit(String bundle, String name, String csv) throws IOException {
        String formula = csv.startsWith("hsb") ? HSB : SLEEP;
        Services.Run expected = Services.run("fit", "--data", Services.data(csv), "--formula", formula, "--format", "json");
        Services.Run actual = Services.run("fit", "--data", file(bundle, name), "--formula", formula, "--format", "json");
        assertEquals(0, expected.code(), expected.err());
        assertEquals(0, actual.code(), actual.err());
        ObjectMapper json = new ObjectMapper();
        assertSame("$", json.readTree(expected.out()), json.readTree(actual.out()));
    }

    /** Equal trees; numbers equal to 1e-9 relative (R's read.csv, which wrote the files, rounds 1 ulp off at times). */
    private static void assertSame(String path, JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            double e = expected.asDouble();
            double a = actual.asDouble();
            if (Math.abs(e - a) > 1e-9 * Math.max(1, Math.abs(e))) fail(path + ": " + e + " != " + a);
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            assertEquals(iterable(expected.fieldNames()), iterable(actual.fieldNames()), path);
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                // how the file was read differs by format (the CSV importer records encoding and delimiter)
                if (path.equals("$") && f.getKey().equals("data")) continue;
                assertSame(path + "." + f.getKey(), f.getValue(), actual.get(f.getKey()));
            }
            return;
        }
        if (expected.isArray() && actual.isArray()) {
            assertEquals(expected.size(), actual.size(), path);
            for (int i = 0; i < expected.size(); i++) assertSame(path + "[" + i + "]", expected.get(i), actual.get(i));
            return;
        }
        assertEquals(expected, actual, path);
    }

    private static java.util.List<String> iterable(Iterator<String> names) {
        java.util.List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    @Test
    void aWorkbookSheetIsChosenWithSheet() {
        Services.Run run = Services.run("fit", "--data", file("excel", "labels.xlsx"), "--sheet", "Zweites Blatt",
                "--formula", "a ~ 1 + (1 | b)", "--format", "json");
        // two groups of three rows: the fit runs (or reports a singular fit), it does not fail on the sheet
        assertTrue(run.code() == 0, run.err());
        Services.Run missing = Services.run("fit", "--data", file("excel", "labels.xlsx"), "--sheet", "Nope",
                "--formula", "a ~ 1 + (1 | b)");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no sheet named 'Nope'; its sheets are 'Daten', 'Zweites Blatt'"),
                missing.err());
    }

    @Test
    void aFileIsRecognisedByItsSignatureWhateverItsName(@TempDir Path dir) throws IOException {
        Path renamed = Files.copy(Path.of(file("spss", "sleepstudy.sav")), dir.resolve("sleepstudy.data"));
        Services.Run run = Services.run("fit", "--data", renamed.toString(), "--formula", SLEEP, "--format", "json");
        assertEquals(0, run.code(), run.err());
        Path csvAsSav = dir.resolve("table.sav");
        Files.writeString(csvAsSav, "y,g\n1,a\n2,b\n");
        Services.Run wrong = Services.run("fit", "--data", csvAsSav.toString(), "--formula", "y ~ 1 + (1 | g)");
        assertEquals(2, wrong.code());
        assertEquals(1, wrong.errLines().size(), wrong.err());
        assertTrue(wrong.err().contains("is not an SPSS system file"), wrong.err());
    }
}
