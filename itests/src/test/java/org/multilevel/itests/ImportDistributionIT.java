package org.multilevel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.Test;

/**
 * The runnable jar reads SPSS, Stata and Excel files: {@code fit --data hsb.sav --format json} prints the fit of
 * hsb.csv (the files are written by R, see each importer bundle's src/test/resources/make-files.R).
 */
public class ImportDistributionIT {
    private static final String FORMULA = "math ~ ses + sector + (1 + ses | school)";

    private static Path resource(String bundle, String name) {
        return Path.of(System.getProperty("multilevel.bundles.dir", System.getProperty("user.dir") + "/../bundles"))
            .resolve(bundle).resolve("src/test/resources").resolve(name).toAbsolutePath().normalize();
    }

    @Test
    public void eachFormatGivesTheFitOfTheCsvFile() throws Exception {
        DistributionIT.Run csv = DistributionIT.run("fit", "--data", Runtime.data("hsb.csv").toString(),
            "--formula", FORMULA, "--format", "json");
        assertEquals(csv.err(), 0, csv.exit());
        JsonNode expected = new ObjectMapper().readTree(csv.out());
        for (Path file : List.of(resource("spss", "hsb.sav"), resource("stata", "hsb.dta"),
            resource("excel", "hsb.xlsx"))) {
            DistributionIT.Run run = DistributionIT.run("fit", "--data", file.toString(), "--formula", FORMULA,
                "--format", "json");
            assertEquals(file + ": " + run.err(), 0, run.exit());
            assertTrue(file + ": nothing but warnings on stderr: " + run.err(),
                run.err().lines().allMatch(l -> l.startsWith("note:") || l.startsWith("warning:")));
            assertNumbersClose(file.toString(), expected, new ObjectMapper().readTree(run.out()));
        }
    }

    @Test
    public void anUnreadableWorkbookSheetIsOneLineAndExitTwo() throws Exception {
        DistributionIT.Run run = DistributionIT.run("fit", "--data", resource("excel", "labels.xlsx").toString(),
            "--sheet", "Nope", "--formula", "a ~ 1 + (1 | b)");
        assertEquals(2, run.exit());
        assertEquals(run.err(), 1, run.err().lines().count());
        assertTrue(run.err(), run.err().contains("no sheet named 'Nope'"));
    }

    /** The same tree; numbers equal to 1e-9 relative (R's read.csv, which wrote the files, may round 1 ulp off). */
    private static void assertNumbersClose(String path, JsonNode expected, JsonNode actual) {
        if (expected.isNumber()) {
            assertTrue(path + " is " + actual, actual != null && actual.isNumber());
            double e = expected.asDouble();
            double a = actual.asDouble();
            assertTrue(path + ": " + e + " != " + a, Math.abs(e - a) <= 1e-9 * Math.max(1, Math.abs(e)));
        } else if (path.endsWith(".data")) {
            // how the file was read differs by format (the CSV importer records encoding and delimiter)
        } else if (expected.isContainerNode()) {
            assertEquals(path, expected.size(), actual.size());
            if (expected.isArray()) {
                for (int i = 0; i < expected.size(); i++) {
                    assertNumbersClose(path + "[" + i + "]", expected.get(i), actual.get(i));
                }
            } else {
                expected.fieldNames().forEachRemaining(
                    f -> assertNumbersClose(path + "." + f, expected.get(f), actual.get(f)));
            }
        } else {
            assertEquals(path, expected, actual);
        }
    }
}
