package org.multilevel.api.task;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.ToDoubleFunction;

/**
 * What an estimator checks once per deviance evaluation: that its own component is still active (else
 * {@link EstimatorStoppedException}) and that the caller has not cancelled (else {@link CancelledException});
 * it reports the evaluations done as progress of the stage. One guard per fit, used by the fitting thread only.
 */
public final class FitGuard {
    private final TaskMonitor monitor;
    private final BooleanSupplier stopped;
    private final String stage;
    private long evaluations;

    /**
     * @param monitor the caller's monitor
     * @param stopped true once the estimator component was deactivated
     * @param stage   the progress stage, "fit"
     */
    public FitGuard(TaskMonitor monitor, BooleanSupplier stopped, String stage) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.stopped = Objects.requireNonNull(stopped, "stopped");
        this.stage = stage;
    }

    /** A guard that never stops: for fits outside a service (tests, benchmarks). */
    public static FitGuard none() {
        return new FitGuard(TaskMonitor.NONE, () -> false, "fit");
    }

    /** Before a deviance evaluation. */
    public void check() {
        if (stopped.getAsBoolean()) throw new EstimatorStoppedException();
        monitor.checkCancelled();
        monitor.progress(stage, ++evaluations, -1);
    }

    /** The function with {@link #check()} before each evaluation. */
    public ToDoubleFunction<double[]> around(ToDoubleFunction<double[]> f) {
        return x -> {
            check();
            return f.applyAsDouble(x);
        };
    }
}
