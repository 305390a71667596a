package org.multilevel.api.task;

import java.util.Objects;

/**
 * The monitor a host creates for one analysis and keeps: {@link #cancel()} from any thread (a cancel button),
 * progress forwarded to the listener given. Holds nothing of the analysis, so keeping it keeps no data alive.
 */
public final class CancellationToken implements TaskMonitor {
    private final ProgressListener listener;
    private volatile boolean cancelled;

    /** A token without progress display. */
    public CancellationToken() {
        this((stage, done, total) -> { });
    }

    public CancellationToken(ProgressListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Asks the analysis to stop; it fails with {@link CancelledException} at its next check. */
    public void cancel() {
        cancelled = true;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void progress(String stage, long done, long total) {
        listener.progress(stage, done, total);
    }
}
