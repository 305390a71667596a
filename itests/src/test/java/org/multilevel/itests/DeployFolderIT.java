package org.multilevel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The deploy folder of the real distribution: bundles dropped into it are installed and started, a replaced jar
 * updates its bundle, a removed one is uninstalled, all while the Gogo shell runs; what is in the folder is
 * there again after a restart; configuration files in it configure the estimators through Configuration Admin,
 * in the shell while it runs and for a one-shot command of multilevel.jar.
 */
public class DeployFolderIT {
    private static final long WAIT_SECONDS = 60;
    private static final String DROPPED = "org.multilevel.itests.dropped";
    private static final Pattern LMM_GENERAL = Pattern.compile("\"estimator\"\\s*:\\s*\"lmm-general\"");
    private static final Pattern LMM_NESTED = Pattern.compile("\"estimator\"\\s*:\\s*\"lmm-nested\"");

    private Path deploy;
    private Shell shell;

    @Before
    public void folder() throws IOException {
        deploy = Files.createTempDirectory("multilevel-deploy");
    }

    @After
    public void cleanUp() throws IOException {
        if (shell != null) shell.close();
        try (var files = Files.walk(deploy)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    public void bundlesDroppedReplacedAndRemovedWhileTheShellRunsAndAfterARestart() throws Exception {
        shell = Shell.start(deploy);
        Path jar = deploy.resolve("dropped.jar");

        writeBundle(jar, "1.0.0");
        shell.await("lb -s", out -> out.contains(DROPPED + " (1.0.0)") && activeLine(out));

        writeBundle(jar, "2.0.0");
        shell.await("lb -s", out -> out.contains(DROPPED + " (2.0.0)") && activeLine(out) && !out.contains("(1.0.0)"));

        shell.close();
        shell = Shell.start(deploy);
        String restarted = shell.await("lb -s", out -> out.contains(DROPPED));
        assertTrue("after a restart the deployed bundle is there again, active:\n" + restarted,
            restarted.contains(DROPPED + " (2.0.0)") && activeLine(restarted));

        Files.delete(jar);
        shell.await("lb -s", out -> out.contains("org.multilevel.cli") && !out.contains(DROPPED));
    }

    @Test
    public void aConfigurationFileChangesTheEstimatorOfTheRunningShell() throws Exception {
        shell = Shell.start(deploy);
        String fit = "multilevel:fit --data " + Runtime.data("sleepstudy.csv")
            + " --formula \"Reaction ~ Days + (Days | Subject)\" --format json";
        shell.await(fit, out -> LMM_NESTED.matcher(out).find());

        // a typed .config file: service.ranking must be an Integer to count
        writeAtomically(deploy.resolve("org.multilevel.lmm.general.config"), "service.ranking=I\"100\"\n");
        shell.await(fit, out -> LMM_GENERAL.matcher(out).find());

        Files.delete(deploy.resolve("org.multilevel.lmm.general.config"));
        shell.await(fit, out -> LMM_NESTED.matcher(out).find());
    }

    @Test
    public void aOneShotCommandSeesTheConfigurationInTheFolderAtStart() throws Exception {
        String[] fit = {"--deploy", deploy.toString(), "fit", "--data", Runtime.data("cbpp.csv").toString(),
            "--formula", "cbind(incidence, size - incidence) ~ period + (1 | herd)", "--family", "binomial",
            "--nagq", "5", "--format", "json"};
        DistributionIT.Run before = DistributionIT.run(fit);
        assertEquals("stderr: " + before.err(), 0, before.exit());
        assertTrue(before.out(), before.out().contains("glmm-laplace"));

        writeAtomically(deploy.resolve("org.multilevel.glmm.laplace.cfg"), "max.quadrature.points = 3\n");
        DistributionIT.Run limited = DistributionIT.run(fit);
        assertEquals("a model the configuration does not allow is the user's error; stdout: " + limited.out(),
            2, limited.exit());
        assertTrue(limited.err(), limited.err().contains("max.quadrature.points"));
        assertFalse("one line: " + limited.err(), limited.err().strip().contains("\n"));
    }

    @Test
    public void aNamedDeployFolderThatDoesNotExistIsAUserError() throws Exception {
        DistributionIT.Run run = DistributionIT.run("--deploy", deploy.resolve("missing").toString(), "help");
        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err(), run.err().strip().startsWith("error: the deploy folder"));
        assertFalse(run.err(), run.err().strip().contains("\n"));
    }

    private static boolean activeLine(String lbOutput) {
        return lbOutput.lines().anyMatch(l -> l.contains(DROPPED) && l.contains("Active"));
    }

    /** A bundle with a manifest only: what FileInstall does with it does not depend on its content. */
    private static void writeBundle(Path target, String version) throws IOException {
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", DROPPED);
        a.putValue("Bundle-Version", version);
        Path tmp = Files.createTempFile(target.getParent().getParent(), "bundle", ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        // a later modification time than the jar it replaces, on file systems with coarse time stamps too
        Files.setLastModifiedTime(tmp, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 2000));
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Written beside and moved in, so that FileInstall never reads half a file. */
    private static void writeAtomically(Path target, String text) throws IOException {
        Path tmp = Files.createTempFile(target.getParent().getParent(), "config", ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** multilevel-shell.jar in its own process, fed commands on stdin; its output is collected by a thread. */
    static final class Shell implements AutoCloseable {
        private final Process process;
        private final Writer in;
        private final StringBuffer out = new StringBuffer();
        private int marker;

        private Shell(Process process) {
            this.process = process;
            this.in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) out.append(line).append('\n');
                } catch (IOException e) {
                    out.append("[reader: ").append(e).append("]\n");
                }
            }, "shell-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Shell start(Path deploy) throws IOException {
            Path jar = Path.of(System.getProperty("multilevel.shell.jar", "../distribution/target/shell/multilevel-shell.jar"));
            assertTrue("build the distribution first: " + jar, Files.isRegularFile(jar));
            List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "--deploy", deploy.toString()));
            return new Shell(new ProcessBuilder(command).redirectErrorStream(true).start());
        }

        /**
         * Sends {@code command} until its output satisfies {@code done}, within {@value #WAIT_SECONDS} s (FileInstall
         * polls the folder every second); returns that output.
         */
        String await(String command, Predicate<String> done) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            String last = "";
            while (System.nanoTime() < deadline) {
                assertTrue("the shell ended:\n" + out, process.isAlive());
                int m = ++marker;
                String begin = "@@begin-" + m, end = "@@end-" + m;
                in.write("echo " + begin + "\n" + command + "\necho " + end + "\n");
                in.flush();
                long answer = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
                while (System.nanoTime() < answer && out.indexOf(end + "\n") < 0) Thread.sleep(100);
                int from = out.lastIndexOf(begin + "\n"), to = out.lastIndexOf(end + "\n");
                last = from >= 0 && to > from ? out.substring(from + begin.length() + 1, to) : out.toString();
                if (done.test(last)) return last;
                Thread.sleep(500);
            }
            throw new AssertionError("no expected answer to '" + command + "' within " + WAIT_SECONDS + " s; last:\n"
                + last + "\nall output:\n" + out);
        }

        @Override
        public void close() throws IOException {
            try {
                if (process.isAlive()) {
                    in.write("stop 0\n");
                    in.flush();
                }
            } catch (IOException shellGone) {
                // already ending
            }
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
