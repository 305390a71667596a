package org.multilevel.glmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.Method;
import org.multilevel.api.task.CancelledException;
import org.multilevel.api.task.EstimatorStoppedException;
import org.multilevel.api.task.TaskMonitor;
import org.multilevel.glmm.internal.LaplaceEstimator;

/** The hooks of the GLMM deviance loop: cancellation and deactivation end a running fit at the next θ. */
class WorkControlTest {
    private static final FitOptions LAPLACE = FitOptions.of(Method.LAPLACE, DdfMethod.NONE);

    /** Runs the action once the fit has reached its {@code after}-th deviance evaluation. */
    private static TaskMonitor after(long after, Runnable action, boolean[] cancelled, AtomicLong seen) {
        return new TaskMonitor() {
            @Override
            public void progress(String stage, long done, long total) {
                if (seen.incrementAndGet() == after) action.run();
            }

            @Override
            public boolean isCancelled() {
                return cancelled[0];
            }
        };
    }

    @Test
    void cancellationEndsTheFitAtTheNextEvaluation() {
        boolean[] cancelled = {false};
        AtomicLong seen = new AtomicLong();
        CancelledException e = assertThrows(CancelledException.class, () -> new LaplaceEstimator()
                .fit(Fixtures.cbpp(), LAPLACE, after(10, () -> cancelled[0] = true, cancelled, seen)));
        assertEquals("the analysis was cancelled", e.getMessage());
        assertEquals(10, seen.get());
    }

    /** SCR calls the deactivate method reflectively when the bundle stops; the test does the same. */
    @Test
    void aDeactivatedEstimatorEndsItsRunningFits() throws ReflectiveOperationException {
        LaplaceEstimator estimator = new LaplaceEstimator();
        java.lang.reflect.Method stop = LaplaceEstimator.class.getDeclaredMethod("stop");
        stop.setAccessible(true);
        Runnable deactivate = () -> {
            try {
                stop.invoke(estimator);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        };
        EstimatorStoppedException e = assertThrows(EstimatorStoppedException.class, () -> estimator
                .fit(Fixtures.cbpp(), LAPLACE, after(4, deactivate, new boolean[1], new AtomicLong())));
        assertEquals("the estimator was stopped", e.getMessage());
    }
}
