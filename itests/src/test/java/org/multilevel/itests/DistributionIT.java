package org.multilevel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.Test;

/**
 * The runnable jar as a user and CI run it: no stdin, results alone on stdout, the exit code of the command.
 * Also the check that the hand-written -runbundles of the distribution are complete: any bundle that fails to
 * resolve or start makes the launcher write to stderr.
 */
public class DistributionIT {
    private static final long TIMEOUT_SECONDS = 120;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("multilevel.jar", "../distribution/target/multilevel.jar"));
        assertTrue("build the distribution first: " + jar, Files.isRegularFile(jar));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("multilevel-out", ".txt");
        Path err = Files.createTempFile("multilevel-err", ".txt");
        try {
            Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("multilevel.jar did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The bnd export skips a -runbundles entry it cannot find without failing: check the jar holds them all. */
    @Test
    public void theJarEmbedsEveryBundleOfTheRuntime() throws Exception {
        Path jar = Path.of(System.getProperty("multilevel.jar", "../distribution/target/multilevel.jar"));
        List<String> embedded = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().map(JarEntry::getName).filter(n -> n.startsWith("jar/")).forEach(embedded::add);
        }
        List<String> missing = new ArrayList<>();
        List<String> expected = new ArrayList<>(Runtime.BUNDLES);
        // the deploy folder: Configuration Admin, the folder's name for FileInstall, FileInstall
        expected.addAll(List.of("org.apache.felix.configadmin", "multilevel-deploy", "org.apache.felix.fileinstall"));
        for (String name : expected) {
            if (embedded.stream().noneMatch(e -> e.startsWith("jar/" + name + "-"))) missing.add(name);
        }
        assertTrue("not embedded in " + jar + ": " + missing + " (embedded: " + embedded + ")", missing.isEmpty());
    }

    @Test
    public void fitAsJsonPrintsExactlyOneJsonDocumentOnStdout() throws Exception {
        JsonNode reference = Runtime.reference("sleepstudy_reml");
        Run run = run("fit", "--data", Runtime.data("sleepstudy.csv").toString(),
            "--formula", reference.get("formula").asText(), "--method", "REML", "--format", "json");
        assertEquals("exit code; stderr: " + run.err(), 0, run.exit());
        assertNoLauncherErrors(run);

        JsonNode json = singleJsonDocument(run.out());
        assertEquals(180, json.get("nobs").asInt());
        double refLogLik = reference.get("expected").get("logLik").asDouble();
        assertEquals(refLogLik, json.get("logLik").asDouble(), 0.002);
        assertTrue(json.get("estimator").asText().startsWith("lmm-"));
    }

    @Test
    public void compareAsJsonPrintsExactlyOneJsonDocumentOnStdout() throws Exception {
        JsonNode reference = Runtime.reference("hsb_lrt_sector");
        Run run = run("compare", "--data", Runtime.data("hsb.csv").toString(),
            "--formula", reference.get("formula0").asText(), "--formula", reference.get("formula1").asText(),
            "--method", "ML", "--format", "json");
        assertEquals("exit code; stderr: " + run.err(), 0, run.exit());
        assertNoLauncherErrors(run);

        JsonNode json = singleJsonDocument(run.out());
        assertEquals(2, json.get("models").size());
        JsonNode test = json.get("tests").get(0);
        assertEquals(reference.get("expected").get("df").asInt(), test.get("df").asInt());
        double chisq = reference.get("expected").get("chisq").asDouble();
        assertEquals(chisq, test.get("chisq").asDouble(), 0.004);
    }

    @Test
    public void withoutArgumentsItFitsTheBundledExample() throws Exception {
        Run run = run();
        assertEquals("exit code; stderr: " + run.err(), 0, run.exit());
        assertNoLauncherErrors(run);
        assertTrue("the HSB example's report names its grouping factor:\n" + run.out(), run.out().contains("school"));
    }

    @Test
    public void aMissingDataFileIsAUserErrorOnOneLine() throws Exception {
        Run run = run("fit", "--data", "no-such-file.csv", "--formula", "y ~ x + (1 | g)");
        assertEquals("exit code; stderr: " + run.err(), 2, run.exit());
        assertNoLauncherErrors(run);
        assertEquals("nothing on stdout", "", run.out());
        String message = run.err().strip();
        assertFalse("one line, no stack trace: " + message, message.contains("\n"));
        assertTrue(message, message.contains("no-such-file.csv"));
    }

    private static JsonNode singleJsonDocument(String stdout) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        try (JsonParser parser = mapper.createParser(stdout)) {
            JsonNode json = mapper.readTree(parser);
            assertEquals("stdout must hold one JSON document and nothing else", null, parser.nextToken());
            return json;
        }
    }

    /**
     * The bnd launcher reports bundles it cannot resolve or start with lines starting with "! " (on stdout, so
     * they would also spoil the JSON).
     */
    private static void assertNoLauncherErrors(Run run) {
        for (String stream : new String[] {run.out(), run.err()}) {
            for (String line : stream.split("\\R")) {
                assertFalse("launcher error: " + line, line.startsWith("! "));
            }
            assertFalse(stream, stream.contains("BundleException"));
            assertFalse(stream, stream.contains("Exception in thread"));
        }
    }
}
