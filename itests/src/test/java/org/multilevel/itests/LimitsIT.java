package org.multilevel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The limits of issue 10 through the runnable jar, as a user meets them: each refused at once with one line
 * naming the size and what to do (exit 2), out of memory said as such (exit 1), and each limit in {@code help}.
 */
public class LimitsIT {
    private static final long TIMEOUT_SECONDS = 180;
    private static Path dir;

    record Run(int exit, String out, String err, double seconds) {
    }

    @BeforeClass
    public static void data() throws IOException {
        dir = Files.createTempDirectory("multilevel-limits");
    }

    @AfterClass
    public static void clean() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) Files.deleteIfExists(p);
        }
        Files.deleteIfExists(dir);
    }

    /** A CSV of {@code rows} rows: a random y, then the other columns of row i as {@code row} writes them. */
    private static Path csv(String name, int rows, String header, java.util.function.IntFunction<String> row)
            throws IOException {
        Path file = dir.resolve(name);
        Random r = new Random(1);
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("y," + header + "\n");
            for (int i = 0; i < rows; i++) {
                w.write(String.format(Locale.ROOT, "%.4f,%s%n", r.nextGaussian(), row.apply(i)));
            }
        }
        return file;
    }

    static Run run(List<String> jvm, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("multilevel.jar", "../distribution/target/multilevel.jar"));
        assertTrue("build the distribution first: " + jar, Files.isRegularFile(jar));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("multilevel.jar did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8), (System.nanoTime() - start) / 1e9);
    }

    /** Exit 2, nothing on stdout, one line on stderr that contains every fragment. */
    private static void assertRefused(Run run, String... fragments) {
        assertEquals("exit code; stderr: " + run.err(), 2, run.exit());
        assertEquals("nothing on stdout", "", run.out());
        String message = run.err().strip();
        assertFalse("one line, no stack trace: " + message, message.contains("\n"));
        assertTrue(message, message.startsWith("error: "));
        for (String f : fragments) assertTrue("'" + f + "' in: " + message, message.contains(f));
    }

    @Test
    public void aFixedFactorOfFiveThousandLevelsIsRefusedByItsCost() throws Exception {
        Path data = csv("fe5000.csv", 20_000, "id,g", i -> (i % 5000) + "," + (i % 50));
        Run run = run(List.of(), "fit", "--data", data.toString(), "--formula", "y ~ factor(id) + (1 | g)");
        assertRefused(run, "5,000 columns", "(1 | id)");
        assertTrue("refused for its time (or, on a small heap, its memory): " + run.err(),
            run.err().contains("would take about") || run.err().contains("of memory"));
    }

    @Test
    public void aFixedFactorOfAMillionLevelsIsRefusedNotANegativeArraySize() throws Exception {
        Path data = csv("fe1m.csv", 1_000_000, "id,g", i -> i + "," + (i % 100));
        Run run = run(List.of(), "fit", "--data", data.toString(), "--formula", "y ~ factor(id) + (1 | g)");
        assertRefused(run, "1,000,000 columns", "more cells than a Java array can hold", "(1 | id)");
    }

    @Test
    public void aCrossedModelOf6000By7000LevelsIsFittedByTheSparseFactorization() throws Exception {
        // once refused (a dense block of 6,001 columns, hours of work); the sparse factorization's symbolic
        // analysis finds a small factor, so the fit goes ahead and ends
        Path data = csv("crossed.csv", 42_000, "a,b", i -> "a" + (i % 6000) + ",b" + ((i * 7 + i / 6000) % 7000));
        Run run = run(List.of(), "fit", "--data", data.toString(), "--formula", "y ~ 1 + (1 | a) + (1 | b)",
            "--ddf", "none", "--format", "json");
        assertEquals("exit code; stderr: " + run.err(), 0, run.exit());
        assertTrue(run.out(), run.out().contains("\"estimator\" : \"lmm-general\"") || run.out().contains("\"estimator\":\"lmm-general\""));
        assertTrue(run.out(), run.out().contains("\"a\" : 6000") || run.out().contains("\"a\":6000"));
    }

    @Test
    public void aBillionBootstrapSimulationsAreRefused() throws Exception {
        Run run = run(List.of(), "fit", "--data", Runtime.data("hsb.csv").toString(), "--formula",
            "math ~ ses + (1 | school)", "--ci", "bootstrap", "--nsim", "1000000000");
        assertRefused(run, "nsim");
    }

    @Test
    public void aThousandQuadraturePointsAreRefused() throws Exception {
        Run run = run(List.of(), "fit", "--data", Runtime.data("cbpp.csv").toString(), "--formula",
            "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd)", "--family", "binomial", "--nagq", "1000");
        assertRefused(run, "nagq", "100");
    }

    @Test
    public void outOfMemoryIsSaidAsSuchNotAsAnUnreadableLine() throws Exception {
        Path data = csv("big.csv", 3_000_000, "x,g", i -> String.format(Locale.ROOT, "%.5f,%d", Math.sin(i), i % 1000));
        Run run = run(List.of("-Xmx48m"), "fit", "--data", data.toString(), "--formula", "y ~ x + (1 | g)");
        assertEquals("exit code; stderr: " + run.err(), 1, run.exit());
        String message = run.err().strip();
        assertTrue(message, message.startsWith("error: not enough memory: 48 MB available; run with -Xmx"));
        assertFalse(message, message.contains("cannot be read"));
        assertFalse("one line: " + message, message.contains("\n"));
    }

    @Test
    public void helpDocumentsEachLimit() throws Exception {
        Run run = run(List.of(), "help");
        assertEquals(0, run.exit());
        for (String f : new String[] {"multilevel.maxMinutes", "-Xmx", "--nagq", "100", "--nsim", "columns"}) {
            assertTrue("'" + f + "' in help:\n" + run.out(), run.out().contains(f));
        }
    }
}
