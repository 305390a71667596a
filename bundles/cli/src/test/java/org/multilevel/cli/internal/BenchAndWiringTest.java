package org.multilevel.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.multilevel.cli.CommandLine;

/** The bench command on small data, and the component descriptions bnd generated for DS and Gogo. */
class BenchAndWiringTest {
    @Test
    void benchTimesParseFitAndReportSeparately() {
        Services.Run run = Services.run("bench", "--rows", "4000", "--clusters", "40");
        assertEquals(CommandLine.OK, run.code(), run.err());
        assertTrue(run.out().contains("4,000 rows, 40 clusters, estimator lmm-nested"), run.out());
        for (String line : new String[] {"parse CSV", "fit", "report", "total", "peak heap"}) {
            assertTrue(run.out().contains(line), line + " in " + run.out());
        }
        Services.Run binomial = Services.run("bench", "--family", "binomial", "--rows", "3000", "--clusters", "60");
        assertEquals(CommandLine.OK, binomial.code(), binomial.err());
        assertTrue(binomial.out().contains("estimator glmm-laplace"), binomial.out());
        Services.Run repeated = Services.run("bench", "--rows", "2000", "--clusters", "20", "--repeat", "3");
        assertEquals(CommandLine.OK, repeated.code(), repeated.err());
        assertTrue(repeated.out().contains("fastest of 2 further fits"), repeated.out());
        assertEquals(CommandLine.USER_ERROR, Services.run("bench", "--repeat", "0").code());
    }

    @Test
    void benchFitsTheCrossedShapesWithTheGeneralEstimator() {
        Services.Run panel = Services.run("bench", "--shape", "panel", "--scale", "0.03");
        assertEquals(CommandLine.OK, panel.code(), panel.err());
        assertTrue(panel.out().contains("(1 | student) + (1 | teacher) + (1 | school)"), panel.out());
        assertTrue(panel.out().contains("estimator lmm-general") && panel.out().contains("ddf Satterthwaite"),
                panel.out());
        assertTrue(panel.out().contains("converged true"), panel.out());
        Services.Run items = Services.run("bench", "--shape", "subjects-items", "--scale", "0.01", "--ddf", "none");
        assertEquals(CommandLine.OK, items.code(), items.err());
        assertTrue(items.out().contains("(1 + x | subject) + (1 + x | item)"), items.out());
        Services.Run bad = Services.run("bench", "--shape", "lattice");
        assertEquals(CommandLine.USER_ERROR, bad.code());
        assertTrue(bad.err().contains("panel, insteval, subjects-items or large"), bad.err());
        assertEquals(CommandLine.USER_ERROR, Services.run("bench", "--shape", "panel", "--scale", "0").code());
        assertEquals(CommandLine.USER_ERROR, Services.run("bench", "--shape", "panel", "--rows", "10").code());
        assertEquals(CommandLine.USER_ERROR, Services.run("bench", "--scale", "2").code());
    }

    @Test
    void gogoCommandsAreRegisteredInTheMultilevelScope() throws Exception {
        String xml = Files.readString(Path.of("target/classes/OSGI-INF/org.multilevel.cli.internal.GogoCommands.xml"));
        assertTrue(xml.contains("name=\"osgi.command.scope\" type=\"String\" value=\"multilevel\""), xml);
        for (String f : new String[] {"fit", "compare", "ols"}) {
            assertTrue(xml.matches("(?s).*osgi.command.function.*\\b" + f + "\\b.*"), f + " in " + xml);
        }
    }

    @Test
    void commandLineIsAServiceReferencingTheThreeServices() throws Exception {
        String xml = Files.readString(Path.of("target/classes/OSGI-INF/org.multilevel.cli.internal.CommandLineComponent.xml"));
        assertTrue(xml.contains("<provide interface=\"org.multilevel.cli.CommandLine\"/>"), xml);
        for (String s : new String[] {"DataImporter", "AnalysisService", "ReportService"}) {
            assertTrue(xml.contains(s), s + " in " + xml);
        }
    }
}
