package org.multilevel.api.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.multilevel.api.MultilevelException;

class WorkLimitsTest {
    private static final double MB = 1024.0 * 1024.0;

    @Test
    void memoryBeyondTheHeapIsRefusedWithBothSizes() {
        WorkLimits limits = new WorkLimits((long) (512 * MB), 600);
        limits.require("small work", 100 * MB, 1e9, null);
        WorkTooLargeException e = assertThrows(WorkTooLargeException.class,
                () -> limits.require("the model matrix", 2048 * MB, 1e6, "use (1 | id)"));
        assertEquals("the model matrix needs 2048 MB of memory, more than the 512 MB available; use (1 | id) "
                + "(or run java with a larger -Xmx)", e.getMessage());
    }

    @Test
    void timeBeyondTheBudgetIsRefusedWithTheEstimate() {
        WorkLimits limits = new WorkLimits(Long.MAX_VALUE, 600);
        limits.require("fast work", 0, 599 * WorkLimits.FLOPS_PER_SECOND, null);
        WorkTooLargeException e = assertThrows(WorkTooLargeException.class,
                () -> limits.require("the fit", 0, 7200 * WorkLimits.FLOPS_PER_SECOND, null));
        assertTrue(e.getMessage().startsWith("the fit would take about 2 hours"), e.getMessage());
        assertTrue(e.getMessage().contains("more than the limit of 10 minutes"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dmultilevel.maxMinutes=MINUTES"), e.getMessage());
    }

    @Test
    void budgetComesFromTheSystemProperty() {
        assertEquals(WorkLimits.DEFAULT_MAX_MINUTES * 60, WorkLimits.budgetSeconds(null));
        assertEquals(90 * 60, WorkLimits.budgetSeconds("90"));
        assertEquals(Double.POSITIVE_INFINITY, WorkLimits.budgetSeconds("0"));
        assertThrows(MultilevelException.class, () -> WorkLimits.budgetSeconds("ten"));
        assertTrue(WorkLimits.current().availableBytes() > 0);
    }

    @Test
    void sizesReadAsPeopleReadThem() {
        assertEquals("3 MB", WorkLimits.megabytes(3 * MB));
        assertEquals("12 GB", WorkLimits.megabytes(12 * 1024 * MB));
        assertEquals("45 seconds", WorkLimits.duration(45));
        assertEquals("3 days", WorkLimits.duration(3 * 86_400));
    }
}
