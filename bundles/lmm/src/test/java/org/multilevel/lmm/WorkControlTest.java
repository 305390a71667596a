package org.multilevel.lmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.task.CancelledException;
import org.multilevel.api.task.EstimatorStoppedException;
import org.multilevel.api.task.TaskMonitor;
import org.multilevel.lmm.CsvDesigns.Re;

/** The hooks of the deviance loop (cancellation, deactivation, progress) and the cost check before a fit. */
class WorkControlTest {
    private static final FitOptions REML = FitOptions.of(Method.REML, DdfMethod.NONE);

    private static DesignMatrices hsb() {
        return new CsvDesigns("hsb.csv").design("math ~ cses + (1 + cses | school)", "math",
                List.of("(Intercept)", "cses"), List.of(new Re("school", List.of("(Intercept)", "cses"))));
    }

    /** Cancels (or runs the action) once the fit has made {@code after} deviance evaluations. */
    private static TaskMonitor after(long after, Runnable action, List<String> stages) {
        AtomicLong seen = new AtomicLong();
        return new TaskMonitor() {
            volatile boolean cancelled;

            @Override
            public void progress(String stage, long done, long total) {
                stages.add(stage);
                if (seen.incrementAndGet() == after) {
                    if (action == null) cancelled = true;
                    else action.run();
                }
            }

            @Override
            public boolean isCancelled() {
                return cancelled;
            }
        };
    }

    @Test
    void cancellationStopsTheOptimizerAtTheNextEvaluation() {
        List<String> stages = new ArrayList<>();
        for (var estimator : List.of(new NestedLmmEstimator(), new GeneralLmmEstimator())) {
            stages.clear();
            CancelledException e = assertThrows(CancelledException.class,
                    () -> estimator.fit(hsb(), REML, after(5, null, stages)));
            assertEquals("the analysis was cancelled", e.getMessage());
            assertEquals(5, stages.size(), "no evaluation after the one that saw the cancellation");
            assertTrue(stages.stream().allMatch("fit"::equals));
        }
    }

    @Test
    void aDeactivatedEstimatorEndsItsRunningFits() {
        NestedLmmEstimator nested = new NestedLmmEstimator();
        EstimatorStoppedException e = assertThrows(EstimatorStoppedException.class,
                () -> nested.fit(hsb(), REML, after(3, nested::stop, new ArrayList<>())));
        assertEquals("the estimator was stopped", e.getMessage());
        GeneralLmmEstimator general = new GeneralLmmEstimator();
        general.stop();
        assertThrows(EstimatorStoppedException.class, () -> general.fit(hsb(), REML));
    }

    @Test
    void progressCountsEvaluationsAndTheFitIsUnchanged() {
        List<String> stages = new ArrayList<>();
        var withMonitor = new NestedLmmEstimator().fit(hsb(), REML, after(-1, null, stages)).result();
        var without = new NestedLmmEstimator().fit(hsb(), REML).result();
        assertEquals(without.logLik(), withMonitor.logLik(), 0.0);
        assertEquals(withMonitor.optimizer().evaluations(), stages.size() - 1,
                "one check per optimizer evaluation, plus the one before the fit");
    }

    @Test
    void cancellationAlsoStopsTheSatterthwaiteDerivatives() {
        // the numerical Hessian and Jacobian of Satterthwaite's df refactor the model many times (on a large
        // crossed model longer than the fit): each factorization is checked like a deviance evaluation
        FitOptions satterthwaite = FitOptions.of(Method.REML, DdfMethod.SATTERTHWAITE);
        List<String> counted = new ArrayList<>();
        long evaluations = new NestedLmmEstimator().fit(hsb(), REML, after(-1, null, counted)).result()
                .optimizer().evaluations();
        List<String> stages = new ArrayList<>();
        assertThrows(CancelledException.class,
                () -> new NestedLmmEstimator().fit(hsb(), satterthwaite, after(evaluations + 3, null, stages)));
        assertEquals(evaluations + 3, stages.size(), "stopped at the check that saw the cancellation");
    }

    @Test
    void cancellationAlsoStopsKenwardRoger() {
        // Kenward-Roger's sums run cluster by cluster after the optimum: each block is checked
        FitOptions kenwardRoger = FitOptions.of(Method.REML, DdfMethod.KENWARD_ROGER);
        long evaluations = new NestedLmmEstimator().fit(hsb(), REML, after(-1, null, new ArrayList<>())).result()
                .optimizer().evaluations();
        List<String> stages = new ArrayList<>();
        assertThrows(CancelledException.class,
                () -> new NestedLmmEstimator().fit(hsb(), kenwardRoger, after(evaluations + 3, null, stages)));
        assertEquals(evaluations + 3, stages.size(), "stopped at the check that saw the cancellation");
    }
}
