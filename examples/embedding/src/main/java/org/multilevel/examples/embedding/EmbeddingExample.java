package org.multilevel.examples.embedding;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.data.DataImporter;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.descriptor.AnalysisDescriptor;
import org.multilevel.api.descriptor.HostAnalysisService;
import org.multilevel.api.results.ResultContainer;
import org.multilevel.api.results.ResultElement;
import org.multilevel.api.results.ResultPlot;
import org.multilevel.api.results.ResultTable;
import org.multilevel.api.results.Results;
import org.multilevel.api.results.TableColumn;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A host application embedding multilevel: it starts an OSGi framework with the OSGi launch API, installs the
 * product's bundles from their Maven coordinates (found in the local Maven repository), looks up the analysis
 * descriptors and the host analysis service, runs one analysis from options given as JSON and prints the results
 * tree. Usage: {@code EmbeddingExample DATA.csv ANALYSIS-ID OPTIONS-JSON}.
 *
 * <p>The host calls the services through the API types on its own class path; the framework exports those
 * packages (the system bundle's extra packages), so the bundles and the host share one copy of each API class.
 */
public final class EmbeddingExample {
    static final String VERSION = "0.2.0";

    /** groupId:artifactId:version of the bundles, in start order: DS runtime, libraries, ours (the API is the host's). */
    static final List<String> BUNDLES = List.of(
        "org.osgi:org.osgi.util.function:1.2.0",
        "org.osgi:org.osgi.util.promise:1.3.0",
        "org.osgi:org.osgi.service.component:1.5.1",
        "org.apache.felix:org.apache.felix.scr:2.2.18",
        "org.apache.commons:commons-math3:3.6.1",
        "de.siegmar:fastcsv:3.4.0",
        "com.fasterxml.jackson.core:jackson-annotations:2.17.2",
        "com.fasterxml.jackson.core:jackson-core:2.17.2",
        "com.fasterxml.jackson.core:jackson-databind:2.17.2",
        "org.multilevel:multilevel-ejml:" + VERSION,
        "org.multilevel:multilevel-data:" + VERSION,
        "org.multilevel:multilevel-transform:" + VERSION,
        "org.multilevel:multilevel-formula:" + VERSION,
        "org.multilevel:multilevel-inference:" + VERSION,
        "org.multilevel:multilevel-lmm:" + VERSION,
        "org.multilevel:multilevel-glmm:" + VERSION,
        "org.multilevel:multilevel-derived:" + VERSION,
        "org.multilevel:multilevel-charts:" + VERSION,
        "org.multilevel:multilevel-report:" + VERSION,
        "org.multilevel:multilevel-analysis:" + VERSION,
        "org.multilevel:multilevel-host:" + VERSION);
    static final String API = "org.multilevel:multilevel-api:" + VERSION;
    static final long SERVICE_WAIT_MILLIS = 20_000;

    private EmbeddingExample() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: EmbeddingExample DATA.csv ANALYSIS-ID OPTIONS-JSON");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        Path repository = localRepository();
        Path storage = Files.createTempDirectory("multilevel-embedding");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, apiPackages(repository));

        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
            .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        Framework framework = factory.newFramework(config);
        framework.start();
        int exit = 0;
        try {
            BundleContext context = framework.getBundleContext();
            install(context, repository);
            HostAnalysisService host = service(context, HostAnalysisService.class);
            DataImporter importer = service(context, DataImporter.class);

            System.out.println("Analyses offered (descriptor services):");
            for (ServiceReference<AnalysisDescriptor> ref : context.getServiceReferences(AnalysisDescriptor.class, null)) {
                AnalysisDescriptor d = context.getService(ref);
                System.out.println("  " + ref.getProperty("multilevel.analysis") + "  " + d.title()
                    + "  (menu " + ref.getProperty("multilevel.menu") + ", " + d.options().size() + " options)");
                context.ungetService(ref);
            }

            Dataset dataset = importer.read(data, ImportOptions.defaults());
            Results results = host.run(args[1], args[2], dataset);
            System.out.println();
            print(results, System.out);
        } catch (MultilevelException e) {
            // bad options or data: the service says what is wrong in one sentence
            System.err.println("error: " + e.getMessage());
            exit = 2;
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
            deleteTree(storage);
        }
        System.exit(exit);
    }

    /** The local Maven repository: -Dmaven.repo.local, else ~/.m2/repository. */
    static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null && !configured.isBlank() ? Path.of(configured)
            : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** The jar of groupId:artifactId:version in the repository's layout. */
    static Path artifact(Path repository, String coordinates) {
        String[] gav = coordinates.split(":");
        Path jar = repository.resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2])
            .resolve(gav[1] + "-" + gav[2] + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(coordinates + " is not in " + repository + " (mvn install the product first)");
        }
        return jar;
    }

    /** Exactly the packages the API bundle exports, with their versions, from its manifest. */
    static String apiPackages(Path repository) throws IOException {
        try (JarFile jar = new JarFile(artifact(repository, API).toFile())) {
            return jar.getManifest().getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
        }
    }

    static void install(BundleContext context, Path repository) throws BundleException {
        List<Bundle> installed = new ArrayList<>();
        for (String coordinates : BUNDLES) {
            installed.add(context.installBundle(artifact(repository, coordinates).toUri().toString()));
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) b.start();
        }
    }

    static <T> T service(BundleContext context, Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(SERVICE_WAIT_MILLIS);
        if (service == null) throw new IllegalStateException("no " + type.getName() + " service within " + SERVICE_WAIT_MILLIS + " ms");
        return service;
    }

    /** The results tree: containers indented, tables with their columns and rows, plots by title. */
    static void print(Results results, PrintStream out) {
        out.println(results.title());
        for (ResultElement e : results.elements()) print(e, "  ", out);
    }

    private static void print(ResultElement element, String indent, PrintStream out) {
        if (element instanceof ResultContainer c) {
            out.println(indent + "+ " + c.title());
            for (ResultElement e : c.elements()) print(e, indent + "  ", out);
        } else if (element instanceof ResultTable t) {
            out.println(indent + "table " + t.name() + ": " + t.title());
            // each column as wide as its widest cell or title, two spaces apart
            List<Integer> widths = new ArrayList<>();
            for (TableColumn c : t.columns()) {
                int w = c.title().length();
                for (Map<String, Object> row : t.rows()) w = Math.max(w, cell(row.get(c.name())).length());
                widths.add(w + 2);
            }
            StringBuilder header = new StringBuilder(indent + "  ");
            for (int i = 0; i < widths.size(); i++) header.append(pad(t.columns().get(i).title(), widths.get(i)));
            out.println(header.toString().stripTrailing());
            for (Map<String, Object> row : t.rows()) {
                StringBuilder line = new StringBuilder(indent + "  ");
                for (int i = 0; i < widths.size(); i++) line.append(pad(cell(row.get(t.columns().get(i).name())), widths.get(i)));
                out.println(line.toString().stripTrailing());
            }
        } else if (element instanceof ResultPlot p) {
            out.println(indent + "plot " + p.name() + ": " + p.title());
        }
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static String cell(Object value) {
        if (value == null) return "";
        if (value instanceof Double d) return String.format("%.6g", d);
        return value.toString();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
