package org.multilevel.api.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.fit.EstimationException;

class TaskMonitorTest {
    @Test
    void noneIsNeverCancelled() {
        assertFalse(TaskMonitor.NONE.isCancelled());
        TaskMonitor.NONE.checkCancelled();
        TaskMonitor.NONE.progress("fit", 1, -1);
    }

    @Test
    void tokenCancelsFromAnotherThreadAndForwardsProgress() throws InterruptedException {
        List<String> seen = new ArrayList<>();
        CancellationToken token = new CancellationToken((stage, done, total) -> seen.add(stage + " " + done + "/" + total));
        token.progress("bootstrap", 3, 10);
        token.checkCancelled();
        Thread other = new Thread(token::cancel);
        other.start();
        other.join();
        assertTrue(token.isCancelled());
        CancelledException e = assertThrows(CancelledException.class, token::checkCancelled);
        assertEquals("the analysis was cancelled", e.getMessage());
        assertTrue(e instanceof MultilevelException);
        assertEquals(List.of("bootstrap 3/10"), seen);
    }

    @Test
    void stoppedEstimatorIsAnEstimationFailure() {
        EstimationException e = new EstimatorStoppedException();
        assertEquals("the estimator was stopped", e.getMessage());
    }
}
