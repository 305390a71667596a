package org.multilevel.api.task;

/** Receives progress: see {@link TaskMonitor#progress(String, long, long)}. */
@FunctionalInterface
public interface ProgressListener {
    void progress(String stage, long done, long total);
}
