package org.multilevel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.Writer;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.AnalysisResult;
import org.multilevel.api.analysis.AnalysisService;
import org.multilevel.api.analysis.NoEstimatorException;
import org.multilevel.api.data.DataImporter;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FixedEffect;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.task.CancellationToken;
import org.multilevel.api.task.CancelledException;
import org.multilevel.api.task.EstimatorStoppedException;
import org.multilevel.api.task.WorkLimits;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Long work through the real services in Felix: cancellation of a running fit and of a running bootstrap within a
 * second (and nothing of the analysis kept afterwards), an estimator bundle stopped with 8 analyses in flight,
 * and 8 concurrent analyses with estimator bundles stopped and started under them.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class WorkControlIT {
    /** Two crossed factors (450 and 400 levels): each deviance evaluation factors a dense 402 × 402 block. */
    private static final String CROSSED = "y ~ x + (1 | a) + (1 | b)";
    private static final String SLEEPSTUDY = "Reaction ~ Days + (Days | Subject)";
    private static final String CBPP = "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd)";
    /** Work of the analysing thread after the cancel: at most one deviance evaluation or refit. */
    private static final double STOP_CPU_SECONDS = 1;
    /** Wall-clock bound on the same on a machine shared with other builds (no hang). */
    private static final double STOP_WALL_SECONDS = 10;
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return Runtime.options();
    }

    /** A crossed data set whose REML fit takes seconds: about 60 evaluations of a dense 402-column block. */
    private static Path crossedCsv() throws IOException {
        Path file = Files.createTempFile("crossed", ".csv");
        file.toFile().deleteOnExit();
        Random r = new Random(5);
        double[] ua = new double[400];
        double[] ub = new double[450];
        for (int j = 0; j < ua.length; j++) ua[j] = r.nextGaussian();
        for (int j = 0; j < ub.length; j++) ub[j] = 0.5 * r.nextGaussian();
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("y,x,a,b\n");
            for (int i = 0; i < 7_200; i++) {
                int a = i % 400;
                int b = (i * 7 + i / 400) % 450;
                double x = r.nextGaussian();
                w.write(String.format(Locale.ROOT, "%.6f,%.6f,a%d,b%d%n", 1 + 0.3 * x + ua[a] + ub[b] + r.nextGaussian(),
                        x, a, b));
            }
        }
        return file;
    }

    private Dataset read(Path file) throws InterruptedException {
        return Runtime.service(context, DataImporter.class).read(file, ImportOptions.defaults());
    }

    private static AnalysisRequest reml(String formula) {
        return AnalysisRequest.of(ModelSpec.gaussian(formula), FitOptions.of(Method.REML, DdfMethod.NONE));
    }

    /** A token that counts the progress calls of one stage and opens the latch after {@code after} of them. */
    private static CancellationToken counting(String stage, int after, CountDownLatch reached) {
        AtomicInteger seen = new AtomicInteger();
        return new CancellationToken((s, done, total) -> {
            if (s.equals(stage) && seen.incrementAndGet() == after) reached.countDown();
        });
    }

    /** The failure of a finished future, or null when it succeeded. */
    private static Throwable failure(Future<?> f, long seconds) throws InterruptedException {
        try {
            f.get(seconds, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the analysis did not end within " + seconds + " s");
        }
    }

    @Test
    public void aRunningFitIsCancelledWithinOneSecondAndKeepsNothing() throws Exception {
        AnalysisService analysis = Runtime.service(context, AnalysisService.class);
        Path csv = crossedCsv();
        CountDownLatch running = new CountDownLatch(1);
        CancellationToken token = counting("fit", 5, running);
        List<WeakReference<Dataset>> data = new ArrayList<>();
        assertCancelledPromptly(token, running, () -> {
            Dataset d = read(csv);
            data.add(new WeakReference<>(d));
            return analysis.fit(d, reml(CROSSED), token);
        });
        assertReleased(data.get(0));
    }

    /**
     * Runs the analysis on its own thread, cancels it once {@code running} opens and checks that it ends with the
     * cancellation, having done at most {@value #STOP_CPU_SECONDS} s of work on its thread after the cancel (CPU
     * time: wall-clock time on a shared build machine measures the other jobs too).
     */
    private static void assertCancelledPromptly(CancellationToken token, CountDownLatch running,
                                                java.util.concurrent.Callable<AnalysisResult> analysis) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            long[] threadId = {-1};
            Future<AnalysisResult> result = executor.submit(() -> {
                threadId[0] = Thread.currentThread().getId();
                return analysis.call();
            });
            assertTrue("the analysis did not start", running.await(Runtime.FIT_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            assertFalse("the analysis ended before it was cancelled", result.isDone());
            long cpuAtCancel = CPU.getThreadCpuTime(threadId[0]);
            long cancelled = System.nanoTime();
            token.cancel();
            Throwable t = failure(result, Runtime.FIT_TIMEOUT_SECONDS);
            double wall = (System.nanoTime() - cancelled) / 1e9;
            double cpu = (CPU.getThreadCpuTime(threadId[0]) - cpuAtCancel) / 1e9;
            assertTrue("expected the cancellation, got " + t, t instanceof CancelledException);
            assertEquals("the analysis was cancelled", t.getMessage());
            assertTrue("worked " + cpu + " s after the cancel", cpu < STOP_CPU_SECONDS);
            assertTrue("ended " + wall + " s after the cancel", wall < STOP_WALL_SECONDS);
        } finally {
            executor.shutdownNow();
        }
    }

    /** Nothing keeps the analysed data after the analysis ended: it is collected. */
    private static void assertReleased(WeakReference<Dataset> data) throws InterruptedException {
        for (int i = 0; i < 50 && data.get() != null; i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertNull("the cancelled analysis still holds its data", data.get());
    }

    @Test
    public void aRunningBootstrapIsCancelledWithinOneSecond() throws Exception {
        AnalysisService analysis = Runtime.service(context, AnalysisService.class);
        Dataset hsb = Runtime.read(context, "hsb.csv");
        // 100,000 refits would take hours: no time limit, so that the bootstrap starts and is cancelled
        String before = System.setProperty(WorkLimits.MAX_MINUTES, "0");
        try {
            CountDownLatch running = new CountDownLatch(1);
            CancellationToken token = counting("bootstrap", 5, running);
            AnalysisRequest request = new AnalysisRequest(ModelSpec.gaussian("math ~ ses + (1 | school)"),
                    FitOptions.of(Method.REML, DdfMethod.NONE), List.of(),
                    Map.of("ci", "bootstrap", "nsim", "100000", "seed", "1"));
            assertCancelledPromptly(token, running, () -> analysis.fit(hsb, request, token));
        } finally {
            if (before == null) System.clearProperty(WorkLimits.MAX_MINUTES);
            else System.setProperty(WorkLimits.MAX_MINUTES, before);
        }
    }

    /** Stopping org.multilevel.lmm under 8 running fits: each completes or fails with "the estimator was stopped". */
    @Test
    public void stoppingTheEstimatorBundleEndsEightFitsInFlight() throws Exception {
        AnalysisService analysis = Runtime.service(context, AnalysisService.class);
        Runtime.awaitEstimator(context, "lmm-general");
        Dataset crossed = read(crossedCsv());
        int count = 8;
        CountDownLatch running = new CountDownLatch(count);
        ExecutorService executor = Executors.newFixedThreadPool(count);
        List<Future<AnalysisResult>> results = new ArrayList<>();
        try {
            for (int k = 0; k < count; k++) {
                CancellationToken token = counting("fit", 2, running);
                results.add(executor.submit(() -> analysis.fit(crossed, reml(CROSSED), token)));
            }
            assertTrue("the 8 fits did not all start", running.await(5 * Runtime.FIT_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            Bundle lmm = Runtime.installed(context, "org.multilevel.lmm");
            long stopped = System.nanoTime();
            lmm.stop();
            int failedAsStopped = 0;
            for (Future<AnalysisResult> f : results) {
                Throwable t = failure(f, Runtime.FIT_TIMEOUT_SECONDS);
                if (t == null) continue; // it completed before the stop reached it
                assertTrue("expected 'the estimator was stopped', got " + t, t instanceof EstimatorStoppedException);
                assertEquals("the estimator was stopped", t.getMessage());
                failedAsStopped++;
            }
            double seconds = (System.nanoTime() - stopped) / 1e9;
            assertTrue("fits in the middle of their optimization were stopped", failedAsStopped > 0);
            assertTrue("all 8 ended " + seconds + " s after the stop", seconds < 10);
            lmm.start();
            Runtime.awaitEstimator(context, "lmm-nested");
            Dataset sleep = Runtime.read(context, "sleepstudy.csv");
            assertTrue(Runtime.fit(analysis, sleep, Runtime.gaussianReml(SLEEPSTUDY)).fit().converged());
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * 8 threads fit gaussian and binomial models while the lmm and glmm bundles are stopped and started under
     * them: every analysis either gives the sequential result bit for bit, or fails in a defined way (the
     * estimator was stopped; no estimator available while it was down); none hangs.
     */
    @Test
    public void eightConcurrentAnalysesWithBundleChurnGiveTheSequentialResults() throws Exception {
        AnalysisService analysis = Runtime.service(context, AnalysisService.class);
        Runtime.awaitEstimator(context, "lmm-nested");
        Runtime.awaitEstimator(context, "glmm-laplace");
        Dataset sleep = Runtime.read(context, "sleepstudy.csv");
        Dataset hsb = Runtime.read(context, "hsb.csv");
        Dataset cbpp = Runtime.read(context, "cbpp.csv");
        List<Dataset> data = List.of(sleep, hsb, cbpp);
        List<AnalysisRequest> requests = List.of(Runtime.gaussianReml(SLEEPSTUDY),
                Runtime.gaussianReml("math ~ ses + (1 + ses | school)"), Runtime.binomialLaplace(CBPP));
        List<FitResult> sequential = new ArrayList<>();
        for (int m = 0; m < requests.size(); m++) sequential.add(analysis.fit(data.get(m), requests.get(m)).fit());

        java.util.concurrent.ConcurrentMap<String, FitResult> byOtherEstimator = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicBoolean churning = new AtomicBoolean(true);
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger stopped = new AtomicInteger();
        AtomicInteger absent = new AtomicInteger();
        Bundle lmm = Runtime.installed(context, "org.multilevel.lmm");
        Bundle glmm = Runtime.installed(context, "org.multilevel.glmm");
        ExecutorService executor = Executors.newFixedThreadPool(9);
        try {
            Future<?> churn = executor.submit(() -> {
                Random r = new Random(9);
                while (churning.get()) {
                    Bundle b = r.nextBoolean() ? lmm : glmm;
                    b.stop();
                    Thread.sleep(20 + r.nextInt(80));
                    b.start();
                    Thread.sleep(100 + r.nextInt(200));
                }
                return null;
            });
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int first = w;
                workers.add(executor.submit(() -> {
                    for (int i = 0; i < 6; i++) {
                        int m = (first + i) % requests.size();
                        try {
                            FitResult fit = analysis.fit(data.get(m), requests.get(m)).fit();
                            FitResult expected = sequential.get(m);
                            if (!fit.estimator().equals(expected.estimator())) {
                                // while the lmm bundle starts, lmm-general can be registered before lmm-nested and
                                // is then the best estimator there is: the same optimum, and every fit by it the
                                // same bit for bit
                                assertEquals(expected.formula(), expected.logLik(), fit.logLik(), 1e-6);
                                expected = byOtherEstimator.computeIfAbsent(m + " " + fit.estimator(), k -> fit);
                            }
                            assertSameFit(expected, fit);
                            succeeded.incrementAndGet();
                        } catch (EstimatorStoppedException e) {
                            assertEquals("the estimator was stopped", e.getMessage());
                            stopped.incrementAndGet();
                        } catch (NoEstimatorException e) {
                            absent.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                Throwable t = failure(f, 5 * Runtime.FIT_TIMEOUT_SECONDS);
                if (t != null) throw new AssertionError("an analysis failed in an undefined way: " + t, t);
            }
            churning.set(false);
            assertNull(failure(churn, Runtime.FIT_TIMEOUT_SECONDS));
        } finally {
            churning.set(false);
            executor.shutdownNow();
        }
        assertTrue("some analyses succeeded during the churn (" + succeeded + ", stopped " + stopped + ", absent "
                + absent + ")", succeeded.get() > 0);
        if (lmm.getState() != Bundle.ACTIVE) lmm.start();
        if (glmm.getState() != Bundle.ACTIVE) glmm.start();
        Runtime.awaitEstimator(context, "lmm-nested");
        Runtime.awaitEstimator(context, "glmm-laplace");
        for (int m = 0; m < requests.size(); m++) {
            assertSameFit(sequential.get(m), Runtime.fit(analysis, data.get(m), requests.get(m)).fit());
        }
    }

    /** Bit for bit: the same estimator, likelihood and every fixed effect with its standard error. */
    private static void assertSameFit(FitResult expected, FitResult actual) {
        assertEquals(expected.estimator(), actual.estimator());
        assertEquals(expected.formula(), Double.doubleToLongBits(expected.logLik()), Double.doubleToLongBits(actual.logLik()));
        assertEquals(expected.fixed().size(), actual.fixed().size());
        for (int j = 0; j < expected.fixed().size(); j++) {
            FixedEffect e = expected.fixed().get(j);
            FixedEffect a = actual.fixed().get(j);
            assertEquals(e.term(), Double.doubleToLongBits(e.estimate()), Double.doubleToLongBits(a.estimate()));
            assertEquals(e.term(), Double.doubleToLongBits(e.se()), Double.doubleToLongBits(a.se()));
        }
        assertEquals(expected.random().size(), actual.random().size());
        for (int k = 0; k < expected.random().size(); k++) {
            double[][] e = expected.random().get(k).covariance();
            double[][] a = actual.random().get(k).covariance();
            if (!java.util.Arrays.deepEquals(e, a)) {
                fail("variance components of " + expected.random().get(k).group() + " differ: "
                        + java.util.Arrays.deepToString(e) + " vs " + java.util.Arrays.deepToString(a));
            }
        }
    }
}
