package org.multilevel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Our features in a real Apache Karaf 4.4.10 (unpacked from Maven Central by the build, with this build's bundles
 * in its system/ repository): repo-add, feature:install multilevel, analyses through our commands in the Karaf
 * console (they call the analysis and estimator services), then the GLMM feature removed while the rest keeps
 * working. Karaf runs headless ({@code bin/karaf server}) on loopback ports; commands go through {@code bin/client}.
 */
public class KarafIT {
    private static final long START_SECONDS = 300;
    private static final long COMMAND_SECONDS = 180;

    private static Path home;
    private static Process karaf;
    private static int sshPort;

    @BeforeClass
    public static void startKaraf() throws Exception {
        home = Path.of(System.getProperty("multilevel.karaf.home", "target/karaf/apache-karaf-4.4.10")).toAbsolutePath();
        assertTrue("the build unpacks Karaf to " + home, Files.isRegularFile(home.resolve("bin/karaf")));
        sshPort = freePort();
        configure(home.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort", String.valueOf(sshPort), "sshHost", "127.0.0.1");
        configure(home.resolve("etc/org.apache.karaf.management.cfg"),
            "rmiRegistryPort", String.valueOf(freePort()), "rmiServerPort", String.valueOf(freePort()),
            "rmiRegistryHost", "127.0.0.1", "rmiServerHost", "127.0.0.1");
        // Karaf ships without an enabled user: the console's (loopback only) user karaf/karaf
        Files.writeString(home.resolve("etc/users.properties"),
            "karaf = karaf,_g_:admingroup\n_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n");
        // nothing from outside the machine: the system/ folder holds every bundle the features need
        configure(home.resolve("etc/org.ops4j.pax.url.mvn.cfg"), "org.ops4j.pax.url.mvn.repositories", "");
        deleteTree(home.resolve("data"));

        ProcessBuilder pb = new ProcessBuilder("sh", home.resolve("bin/karaf").toString(), "server")
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("karaf-console.log").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        karaf = pb.start();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        Result r = null;
        while (System.nanoTime() < deadline) {
            assertTrue("Karaf ended while starting:\n" + log(), karaf.isAlive());
            r = client("feature:list -i", 60);
            if (r.exit() == 0 && r.out().contains("shell")) return;
            Thread.sleep(2000);
        }
        throw new AssertionError("Karaf's console did not answer within " + START_SECONDS + " s: " + r + "\n" + log());
    }

    @AfterClass
    public static void stopKaraf() throws Exception {
        if (karaf == null) return;
        try {
            if (karaf.isAlive()) client("system:shutdown -f", 60);
            if (!karaf.waitFor(60, TimeUnit.SECONDS)) karaf.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        } finally {
            if (karaf.isAlive()) karaf.destroyForcibly();
        }
    }

    @Test
    public void installAnalyseAndRemoveTheGlmmFeature() throws Exception {
        String version = System.getProperty("multilevel.version", "0.2.0");
        ok(client("feature:repo-add mvn:org.multilevel/multilevel-features/" + version + "/xml/features", COMMAND_SECONDS));
        ok(client("feature:install multilevel", COMMAND_SECONDS));
        String installed = ok(client("feature:list -i", COMMAND_SECONDS));
        for (String f : List.of("multilevel ", "multilevel-core", "multilevel-lmm", "multilevel-glmm")) {
            assertTrue(f + " installed:\n" + installed, installed.contains(f));
        }
        String estimators = ok(client("service:list org.multilevel.api.fit.Estimator", COMMAND_SECONDS));
        for (String e : List.of("lmm-nested", "lmm-general", "glmm-laplace")) {
            assertTrue(e + " registered:\n" + estimators, estimators.contains(e));
        }

        JsonNode lmm = json(ok(client(gaussianFit(), COMMAND_SECONDS)));
        JsonNode reference = Runtime.reference("sleepstudy_reml");
        assertEquals(reference.get("expected").get("logLik").asDouble(), lmm.get("logLik").asDouble(), 0.002);
        assertTrue(lmm.get("estimator").asText().startsWith("lmm-"));
        JsonNode glmm = json(ok(client(binomialFit(), COMMAND_SECONDS)));
        assertEquals("glmm-laplace", glmm.get("estimator").asText());

        // the estimator features are removable one by one when they are installed by name
        ok(client("feature:install multilevel-lmm multilevel-glmm", COMMAND_SECONDS));
        ok(client("feature:uninstall multilevel", COMMAND_SECONDS));
        ok(client("feature:uninstall multilevel-glmm", COMMAND_SECONDS));
        String bundles = ok(client("bundle:list -s", COMMAND_SECONDS));
        assertFalse("the glmm bundle is gone:\n" + bundles, bundles.contains("org.multilevel.glmm"));
        assertTrue("the rest stays:\n" + bundles, bundles.contains("org.multilevel.lmm") && bundles.contains("org.multilevel.cli"));

        String left = ok(client("service:list org.multilevel.api.fit.Estimator", COMMAND_SECONDS));
        assertFalse("glmm-laplace is gone:\n" + left, left.contains("glmm-laplace"));
        assertTrue("the linear estimators stay:\n" + left, left.contains("lmm-nested") && left.contains("lmm-general"));
        // a GLMM gets no result now (the command's "no estimator available" goes to the error stream)
        Result binomial = client(binomialFit(), COMMAND_SECONDS);
        assertFalse("a GLMM has no estimator now:\n" + binomial, binomial.out().contains("\"estimator\""));
        JsonNode stillLmm = json(ok(client(gaussianFit(), COMMAND_SECONDS)));
        assertEquals(lmm.get("logLik").asDouble(), stillLmm.get("logLik").asDouble(), 1e-9);
    }

    private static String gaussianFit() {
        return "multilevel:fit --data " + Runtime.data("sleepstudy.csv")
            + " --formula \"Reaction ~ Days + (Days | Subject)\" --format json";
    }

    private static String binomialFit() {
        return "multilevel:fit --data " + Runtime.data("cbpp.csv")
            + " --formula \"cbind(incidence, size - incidence) ~ factor(period) + (1 | herd)\" --family binomial --format json";
    }

    record Result(int exit, String out) {
    }

    /** One console command through Karaf's ssh client, bounded in time. */
    static Result client(String command, long seconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sh", home.resolve("bin/client").toString(),
            "-h", "127.0.0.1", "-a", String.valueOf(sshPort), "-u", "karaf", "-p", "karaf", "-r", "1", command));
        Path out = Files.createTempFile("karaf-client", ".txt");
        try {
            // stdin stays an open pipe: at end of input the client would close the session before the answer
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process p = pb.start();
            boolean finished = p.waitFor(seconds, TimeUnit.SECONDS);
            p.getOutputStream().close();
            if (!finished) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Result(-1, "timed out after " + seconds + " s: " + Files.readString(out));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static String ok(Result r) {
        assertEquals("client output:\n" + r.out(), 0, r.exit());
        assertFalse(r.out(), r.out().contains("Error executing command"));
        return r.out();
    }

    /** The JSON document in the console output (the client may add lines before it). */
    private static JsonNode json(String out) throws IOException {
        int start = out.indexOf('{');
        assertTrue("a JSON document in:\n" + out, start >= 0);
        return new ObjectMapper().readTree(out.substring(start));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Sets key = value lines in a Karaf configuration file (replacing the key's line or appending it). */
    private static void configure(Path file, String... keyValues) throws IOException {
        List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file)) : new ArrayList<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            String key = keyValues[i], line = key + " = " + keyValues[i + 1];
            boolean replaced = false;
            for (int j = 0; j < lines.size(); j++) {
                String l = lines.get(j).strip();
                if (l.startsWith(key + " ") || l.startsWith(key + "=")) {
                    String old = lines.set(j, line);
                    // a value continued on the next lines (\ at the end) goes with it
                    while (old.endsWith("\\") && j + 1 < lines.size()) old = lines.remove(j + 1);
                    replaced = true;
                }
            }
            if (!replaced) lines.add(line);
        }
        Files.write(file, lines);
    }

    private static String log() throws IOException {
        Path log = home.resolve("data/log/karaf.log");
        String console = Files.exists(home.resolve("karaf-console.log")) ? Files.readString(home.resolve("karaf-console.log")) : "";
        String text = Files.exists(log) ? Files.readString(log) : "";
        return console + "\n--- karaf.log (end) ---\n" + text.substring(Math.max(0, text.length() - 8000));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (var paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }
}
