package org.multilevel.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The product's promises about files, exercised through the distribution jar as a user runs it: an output
 * naming the input (by any path), two outputs on one file and impossible output paths are refused with exit 2,
 * one line and nothing written; a run killed with SIGKILL at any moment leaves every output file either as it
 * was or complete, never partial.
 */
public class OutputFaultsIT {
    private static final String FORMULA = "y ~ x + (1 | g)";
    private static final String[] OUTPUTS = {"--out", "--save-data", "--save-ranef", "--save-residuals"};
    private static final byte[] OLD = "old content, must survive\n".getBytes(StandardCharsets.UTF_8);

    private Path dir;

    @Before
    public void folder() throws IOException {
        dir = Files.createTempDirectory("multilevel-faults");
    }

    @After
    public void cleanUp() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    private static List<String> command(String... args) {
        Path jar = Path.of(System.getProperty("multilevel.jar", "../distribution/target/multilevel.jar"));
        assertTrue("build the distribution first: " + jar, Files.isRegularFile(jar));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private Process start(String... args) throws IOException {
        return new ProcessBuilder(command(args))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(dir.resolve("stdout.log").toFile())
            .redirectError(dir.resolve("stderr.log").toFile())
            .start();
    }

    private DistributionIT.Run run(String... args) throws Exception {
        return DistributionIT.run(args);
    }

    /** A data set of {@code rows} rows in 500 clusters, deterministic, with a text column. */
    private Path data(String name, int rows) throws IOException {
        Path file = dir.resolve(name);
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("y,x,g,label\n");
        for (int i = 0; i < rows; i++) {
            double x = random.nextGaussian();
            int g = i % 500;
            csv.append(String.format(java.util.Locale.ROOT, "%.6f,%.6f,c%d,l%d%n",
                1 + 0.5 * x + (g % 17) / 10.0 + random.nextGaussian(), x, g, i % 5));
        }
        Files.writeString(file, csv);
        return file;
    }

    /** Exit 2, one line "error: ..." on stderr mentioning {@code expected}, nothing on stdout. */
    private static void assertRefused(DistributionIT.Run run, String expected) {
        assertEquals("exit code; stderr: " + run.err(), 2, run.exit());
        List<String> lines = run.err().lines().toList();
        assertEquals("one line on stderr: " + run.err(), 1, lines.size());
        assertTrue(lines.get(0), lines.get(0).startsWith("error: ") && lines.get(0).contains(expected));
        assertEquals("", run.out());
    }

    private List<Path> filesOtherThan(Path... expected) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> !Arrays.asList(expected).contains(f)).toList();
        }
    }

    @Test
    public void noOutputMayNameTheInputDataFile() throws Exception {
        Path data = data("data.csv", 400);
        byte[] before = Files.readAllBytes(data);
        Files.createDirectory(dir.resolve("x"));
        Path link = dir.resolve("link.csv");
        Files.createSymbolicLink(link, data);
        // each output option once, each with another spelling of the same file (plain, via a folder and "..",
        // a symbolic link, with "./")
        List<String> spellings = List.of(data.toString(), dir + "/x/../data.csv", link.toString(), dir + "/./data.csv");
        for (int i = 0; i < OUTPUTS.length; i++) {
            assertRefused(run("fit", "--data", data.toString(), "--formula", FORMULA, OUTPUTS[i], spellings.get(i)),
                "input data file");
        }
        // the input named through the link and relative to the working directory of the process
        assertRefused(run("fit", "--data", link.toString(), "--formula", FORMULA, "--save-residuals", data.toString()),
            "input data file");
        assertRefused(run("compare", "--data", data.toString(), "--formula", "y ~ 1 + (1 | g)", "--formula", FORMULA,
            "--out", link.toString()), "input data file");
        assertArrayEquals("the data are unchanged", before, Files.readAllBytes(data));
        assertEquals(List.of(), filesOtherThan(data, link, dir.resolve("x")));
    }

    @Test
    public void twoOutputsOnOneFileAndImpossiblePathsAreRefusedWithNothingWritten() throws Exception {
        Path data = data("data.csv", 400);
        Path report = dir.resolve("report.txt");
        Files.write(report, OLD);
        String d = data.toString();
        assertRefused(run("fit", "--data", d, "--formula", FORMULA, "--out", report.toString(), "--save-ranef",
            dir + "/x/../report.txt"), "--out and --save-ranef name the same file");
        assertRefused(run("fit", "--data", d, "--formula", FORMULA, "--save-data", dir + "/a.csv", "--save-residuals",
            dir + "/a.csv"), "same file");
        assertRefused(run("fit", "--data", d, "--formula", FORMULA, "--out", report.toString(), "--save-data",
            dir + "/missing/d.csv"), "does not exist");
        assertRefused(run("fit", "--data", d, "--formula", FORMULA, "--out", report.toString(), "--save-ranef",
            dir.toString()), "names the folder");
        assertRefused(run("fit", "--data", d, "--formula", FORMULA, "--out", ""), "--out needs a file name");
        assertRefused(run("fit", "--data", d, "--formula", FORMULA, "--save-data=", "--out", report.toString()),
            "--save-data needs a file name");
        assertRefused(run("fit", "--data", d, "--formula", FORMULA, "--out", report + "/r.txt"), "is not a folder");
        assertArrayEquals(OLD, Files.readAllBytes(report));
        assertEquals(List.of(), filesOtherThan(data, report));
    }

    /** Requests that cannot be honoured end with exit 2 and one line before any fitting, writing nothing. */
    @Test
    public void impossibleRequestsAreErrorsAndWriteNothing() throws Exception {
        Path data = data("data.csv", 2000); // four rows per cluster: a model the data can fit
        Path report = dir.resolve("report.txt");
        String d = data.toString();
        assertRefused(run("fit", "--data", d, "--formula", FORMULA, "--ci", "bootstrap", "--nsim", "1", "--out",
            report.toString()), "--nsim must be between 2 and 100,000");
        assertRefused(run("fit", "--data", d, "--formula", FORMULA, "--nagq", "5", "--out", report.toString()),
            "--nagq");
        assertRefused(run("fit", "--data", d, "--formula", FORMULA, "--contrast", "c=x - z", "--out",
            report.toString()), "'z' is not a fixed effect of the model");
        assertEquals(List.of(), filesOtherThan(data));
    }

    /**
     * Kills the jar with SIGKILL while it writes all four outputs (at the moment its first temporary file appears,
     * plus a random delay, and at random moments of the whole run): afterwards each output is either the old
     * content or byte for byte the complete file an uninterrupted run writes.
     */
    @Test
    public void aRunKilledAtAnyMomentLeavesEveryOutputOldOrComplete() throws Exception {
        Path data = data("data.csv", 60_000);
        Path expected = Files.createDirectory(dir.resolve("expected"));
        long started = System.nanoTime();
        DistributionIT.Run reference = run(arguments(data, expected));
        long fullRun = (System.nanoTime() - started) / 1_000_000;
        assertEquals(reference.err(), 0, reference.exit());
        Map<String, byte[]> complete = new LinkedHashMap<>();
        for (String name : names()) complete.put(name, Files.readAllBytes(expected.resolve(name)));

        Path target = Files.createDirectory(dir.resolve("target"));
        Random random = new Random(11);
        int killedWhileWriting = 0;
        int outcomesNew = 0;
        for (int attempt = 0; attempt < 6; attempt++) {
            for (String name : names()) Files.write(target.resolve(name), OLD);
            Process process = start(arguments(data, target));
            boolean whileWriting = attempt % 2 == 0;
            if (whileWriting) {
                // wait for the first temporary file, then let it write a little
                long deadline = System.currentTimeMillis() + 4 * fullRun + 60_000;
                while (process.isAlive() && temporaries(target).isEmpty() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(1);
                }
                Thread.sleep(random.nextInt(40));
            } else {
                Thread.sleep(random.nextInt((int) Math.max(1, fullRun)));
            }
            boolean alive = process.isAlive();
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
            assertTrue("the killed process ended", process.waitFor(60, TimeUnit.SECONDS));
            if (alive && whileWriting) killedWhileWriting++;
            boolean anyNew = false;
            for (String name : names()) {
                byte[] now = Files.readAllBytes(target.resolve(name));
                boolean old = Arrays.equals(OLD, now);
                boolean done = Arrays.equals(complete.get(name), now);
                assertTrue("attempt " + attempt + ": " + name + " is neither the old nor the complete file ("
                    + now.length + " bytes)", old || done);
                anyNew |= done;
            }
            if (anyNew) {
                outcomesNew++;
                // none replaces its old file unless all were written: every file still old has its complete
                // temporary file beside it (the kill came between two renames)
                for (String name : names()) {
                    if (!Arrays.equals(OLD, Files.readAllBytes(target.resolve(name)))) continue;
                    boolean staged = false;
                    for (Path t : temporaries(target)) {
                        staged |= t.getFileName().toString().startsWith("." + name + ".")
                            && Arrays.equals(complete.get(name), Files.readAllBytes(t));
                    }
                    assertTrue("attempt " + attempt + ": " + name + " is old though another output was replaced", staged);
                }
            }
            for (Path t : temporaries(target)) Files.delete(t);
        }
        assertTrue("at least one kill came while the outputs were being written", killedWhileWriting > 0);
        System.out.println("kills during the write: " + killedWhileWriting + ", runs that had replaced files: " + outcomesNew);
    }

    private static String[] arguments(Path data, Path folder) {
        return new String[] {"fit", "--data", data.toString(), "--formula", FORMULA,
            "--out", folder.resolve("report.txt").toString(), "--save-data", folder.resolve("data.csv").toString(),
            "--save-ranef", folder.resolve("ranef.csv").toString(), "--save-residuals",
            folder.resolve("residuals.csv").toString()};
    }

    private static List<String> names() {
        return List.of("report.txt", "data.csv", "ranef.csv", "residuals.csv");
    }

    private static List<Path> temporaries(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".multilevel-partial")).toList();
        }
    }
}
