package org.multilevel.cli.internal;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.multilevel.api.task.TaskMonitor;

/**
 * The progress of one command's analysis as a progress bar on standard error (me.tongfei:progressbar), only when
 * the process runs in a terminal, and only for work that lasts: a bar appears once the analysis has run for
 * {@value #QUIET_MILLIS} ms, one per stage ("fit": evaluations so far; "bootstrap": refits of nsim). Otherwise,
 * in pipes, CI and tests, it shows nothing. Used by the command's thread only.
 */
final class TerminalProgress implements TaskMonitor, AutoCloseable {
    private static final long QUIET_MILLIS = 1_000;
    private static final int DEFAULT_WIDTH = 80;

    private final PrintStream err;
    private final boolean show;
    private final long quietMillis;
    private final long started = System.nanoTime();
    private ProgressBar bar;
    private String stage;

    TerminalProgress(PrintStream err, boolean show, long quietMillis) {
        this.err = err;
        this.show = show;
        this.quietMillis = quietMillis;
    }

    /** A bar on {@code err} when it is the process's standard error and the process has a console. */
    static TerminalProgress on(PrintStream err) {
        return new TerminalProgress(err, err == System.err && System.console() != null, QUIET_MILLIS);
    }

    @Override
    public void progress(String stage, long done, long total) {
        if (!show) return;
        if (bar == null || !stage.equals(this.stage)) {
            if ((System.nanoTime() - started) / 1_000_000 < quietMillis) return;
            close();
            this.stage = stage;
            bar = new ProgressBarBuilder().setTaskName(stage).setInitialMax(total)
                    .setConsumer(new ConsoleProgressBarConsumer(err, width())).setUpdateIntervalMillis(250)
                    .hideEta().build();
        }
        if (total >= 0) bar.maxHint(total);
        bar.stepTo(done);
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    /** The width of the terminal as the shell exports it (COLUMNS), else 80. A fixed width keeps JLine out. */
    private static int width() {
        try {
            String columns = System.getenv("COLUMNS");
            int w = columns == null ? DEFAULT_WIDTH : Integer.parseInt(columns.trim());
            return w > 20 ? w - 1 : DEFAULT_WIDTH;
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
