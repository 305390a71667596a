package org.multilevel.itests;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.AnalysisResult;
import org.multilevel.api.analysis.AnalysisService;
import org.multilevel.api.data.DataImporter;
import org.multilevel.api.data.DataImporterProperties;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.Estimator;
import org.multilevel.api.fit.EstimatorProperties;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.ModelSpec;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/** The runtime under test (the distribution's bundles, loaded by file URL) and helpers the tests share. */
final class Runtime {
    /** Start order as in the distribution: DS runtime, libraries, our bundles, the command line last. */
    static final List<String> BUNDLES = List.of(
        "org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component", "org.apache.felix.scr",
        "commons-math3", "fastcsv", "jackson-annotations", "jackson-core", "jackson-databind",
        "multilevel-api", "multilevel-ejml", "multilevel-data", "multilevel-spss", "multilevel-stata",
        "multilevel-excel", "multilevel-transform", "multilevel-formula",
        "multilevel-inference", "multilevel-lmm", "multilevel-glmm", "multilevel-derived", "multilevel-charts",
        "multilevel-report",
        "multilevel-analysis", "multilevel-host", "multilevel-cli");

    /** A fit that takes longer than this has hung (the largest test model fits in well under a second). */
    static final long FIT_TIMEOUT_SECONDS = 60;
    static final long SERVICE_TIMEOUT_MILLIS = 10_000;

    private Runtime() {
    }

    static Option[] options() {
        String dir = System.getProperty("multilevel.bundles", "target/bundles");
        List<Option> options = new ArrayList<>();
        options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
        options.add(systemProperty("multilevel.shared").value(shared().toString()));
        for (String name : BUNDLES) {
            File jar = new File(dir, name + ".jar");
            options.add(bundle(jar.toURI().toString()));
        }
        options.add(junitBundles());
        options.add(cleanCaches(true));
        return options.toArray(new Option[0]);
    }

    /** /work/shared beside the repository (failsafe passes it; the fallback is relative to itests/). */
    static Path shared() {
        String configured = System.getProperty("multilevel.shared");
        Path path = configured != null ? Path.of(configured)
            : Path.of(System.getProperty("user.dir")).resolve("../../shared");
        return path.toAbsolutePath().normalize();
    }

    static Path data(String file) {
        return shared().resolve("data").resolve(file);
    }

    static JsonNode reference(String id) throws IOException {
        return new ObjectMapper().readTree(Files.readString(shared().resolve("reference").resolve(id + ".json")));
    }

    static BundleContext context() {
        return FrameworkUtil.getBundle(Runtime.class).getBundleContext();
    }

    static Bundle installed(BundleContext context, String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) return b;
        }
        fail("bundle " + symbolicName + " is not installed");
        return null;
    }

    static <T> T service(BundleContext context, Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(SERVICE_TIMEOUT_MILLIS);
        assertNotNull("no " + type.getSimpleName() + " service registered within "
            + SERVICE_TIMEOUT_MILLIS + " ms", service);
        return service;
    }

    /** Waits until an estimator named {@code name} is registered (after a bundle or component came back). */
    static void awaitEstimator(BundleContext context, String name) throws InterruptedException {
        Filter filter;
        try {
            filter = context.createFilter("(&(objectClass=" + Estimator.class.getName() + ")("
                + EstimatorProperties.NAME + "=" + name + "))");
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
        ServiceTracker<Estimator, Estimator> tracker = new ServiceTracker<>(context, filter, null);
        tracker.open();
        try {
            assertNotNull("estimator " + name + " not registered within " + SERVICE_TIMEOUT_MILLIS + " ms",
                tracker.waitForService(SERVICE_TIMEOUT_MILLIS));
        } finally {
            tracker.close();
        }
    }

    /** A shared CSV file, read by the delimited-text importer (one importer service per format is registered). */
    static Dataset read(BundleContext context, String file) throws InterruptedException {
        return textImporter(context).read(data(file), ImportOptions.defaults());
    }

    /** The delimited-text importer: the one registered for csv, or without formats. */
    static DataImporter textImporter(BundleContext context) throws InterruptedException {
        String filter = "(&(objectClass=" + DataImporter.class.getName() + ")(|(!(" + DataImporterProperties.FORMATS
            + "=*))(" + DataImporterProperties.FORMATS + "=" + DataImporterProperties.TEXT_FORMAT + ")))";
        ServiceTracker<DataImporter, DataImporter> tracker;
        try {
            tracker = new ServiceTracker<>(context, context.createFilter(filter), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        tracker.open();
        DataImporter importer = tracker.waitForService(SERVICE_TIMEOUT_MILLIS);
        assertNotNull("no delimited-text DataImporter registered within " + SERVICE_TIMEOUT_MILLIS + " ms", importer);
        return importer;
    }

    static AnalysisRequest gaussianReml(String formula) {
        return AnalysisRequest.of(ModelSpec.gaussian(formula), FitOptions.of(Method.REML, DdfMethod.SATTERTHWAITE));
    }

    static AnalysisRequest binomialLaplace(String formula) {
        return AnalysisRequest.of(ModelSpec.of(formula, Family.BINOMIAL), FitOptions.of(Method.LAPLACE, DdfMethod.NONE));
    }

    /**
     * Fits on another thread so that a hang fails the test instead of blocking the build; exceptions of the
     * analysis are rethrown as they are.
     */
    static AnalysisResult fit(AnalysisService analysis, Dataset data, AnalysisRequest request) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<AnalysisResult> result = executor.submit(() -> analysis.fit(data, request));
            return result.get(FIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("the analysis did not answer within " + FIT_TIMEOUT_SECONDS + " s: "
                + request.model().formula());
        } finally {
            executor.shutdownNow();
        }
    }
}
