package org.multilevel.api.task;

/**
 * What long work reports to and asks of its caller: progress by stage, and whether to stop. Implementations are
 * called from the analysing thread (progress) and must be safe to query from it while another thread cancels;
 * {@link #progress} must return quickly (a host shows it; it does not compute in it).
 */
public interface TaskMonitor {
    /** Neither shows progress nor is ever cancelled: what the overloads without a monitor use. */
    TaskMonitor NONE = new TaskMonitor() {
        @Override
        public void progress(String stage, long done, long total) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /**
     * @param stage what is being done, in words ("fit", "bootstrap", "Kenward-Roger")
     * @param done  units done so far in this stage
     * @param total units in the stage, or -1 when not known in advance (optimizer evaluations)
     */
    void progress(String stage, long done, long total);

    /** True once the caller asked the work to stop. */
    boolean isCancelled();

    /** @throws CancelledException when the caller asked the work to stop */
    default void checkCancelled() {
        if (isCancelled()) throw new CancelledException();
    }
}
