package org.multilevel.api.task;

import java.util.Locale;
import org.multilevel.api.MultilevelException;

/**
 * The cost model by which work that cannot finish sensibly is refused before it starts, instead of running out
 * of memory or for hours. A check compares an estimate (bytes it must hold at once, floating-point operations it
 * must do) with
 * <ul>
 *   <li>the memory this JVM can still give: {@code Runtime.maxMemory()} less what is in use now;</li>
 *   <li>a time budget, {@value #DEFAULT_MAX_MINUTES} minutes unless the system property {@value #MAX_MINUTES}
 *       says otherwise (0 or a negative value: no time limit), at an assumed {@value #FLOPS_PER_SECOND} floating-point
 *       operations per second, the rate of the dense factorizations on one core of a loaded machine
 *       (an estimate errs towards "too slow" there, so a refused model would indeed take long).</li>
 * </ul>
 *
 * @param availableBytes memory that can still be allocated
 * @param maxSeconds     the time budget, or infinity
 */
public record WorkLimits(long availableBytes, double maxSeconds) {
    /** System property: the time budget in minutes. */
    public static final String MAX_MINUTES = "multilevel.maxMinutes";
    public static final double DEFAULT_MAX_MINUTES = 10;
    /** Assumed speed of the dense linear algebra, operations per second. */
    public static final double FLOPS_PER_SECOND = 1e9;

    /** The limits in force now: this JVM's free heap and the configured budget. */
    public static WorkLimits current() {
        Runtime r = Runtime.getRuntime();
        long used = r.totalMemory() - r.freeMemory();
        return new WorkLimits(Math.max(0, r.maxMemory() - used), budgetSeconds(System.getProperty(MAX_MINUTES)));
    }

    static double budgetSeconds(String minutes) {
        if (minutes == null || minutes.isBlank()) return DEFAULT_MAX_MINUTES * 60;
        double m;
        try {
            m = Double.parseDouble(minutes.trim());
        } catch (NumberFormatException e) {
            throw new MultilevelException("the system property " + MAX_MINUTES + " must be a number of minutes, got '"
                    + minutes + "'");
        }
        return m > 0 ? m * 60 : Double.POSITIVE_INFINITY;
    }

    /**
     * Refuses the work when it needs more memory than is available or more time than the budget.
     *
     * @param what   the work in words, as the message starts ("the fixed-effects model matrix (120 columns)")
     * @param bytes  memory it holds at once
     * @param flops  floating-point operations it does
     * @param advice what the user can do instead, or null
     * @throws WorkTooLargeException naming the need and the limit
     */
    public void require(String what, double bytes, double flops, String advice) {
        String tail = advice == null || advice.isBlank() ? "" : "; " + advice;
        if (bytes > availableBytes) {
            throw new WorkTooLargeException(what + " needs " + megabytes(bytes) + " of memory, more than the "
                    + megabytes(availableBytes) + " available" + tail + " (or run java with a larger -Xmx)");
        }
        double seconds = flops / FLOPS_PER_SECOND;
        if (seconds > maxSeconds) {
            throw new WorkTooLargeException(String.format(Locale.ROOT,
                    "%s would take about %s (%.2g floating-point operations), more than the limit of %s%s "
                            + "(the limit is set by -D%s=MINUTES)", what, duration(seconds), flops, duration(maxSeconds),
                    tail, MAX_MINUTES));
        }
    }

    /**
     * Refuses work whose time was projected from its own first steps (the first refits of a bootstrap).
     *
     * @throws WorkTooLargeException when the projection exceeds the budget
     */
    public void requireSeconds(String what, double seconds, String advice) {
        if (seconds > maxSeconds) {
            String tail = advice == null || advice.isBlank() ? "" : "; " + advice;
            throw new WorkTooLargeException(what + " would take about " + duration(seconds) + ", more than the limit of "
                    + duration(maxSeconds) + tail + " (the limit is set by -D" + MAX_MINUTES + "=MINUTES)");
        }
    }

    /** 1536 MB, 12 GB: sizes as a user reads them. */
    public static String megabytes(double bytes) {
        double mb = bytes / (1024.0 * 1024.0);
        if (mb >= 10_240) return String.format(Locale.ROOT, "%.0f GB", mb / 1024);
        return String.format(Locale.ROOT, "%.0f MB", Math.max(mb, 1));
    }

    static String duration(double seconds) {
        if (seconds >= 2 * 86_400) return String.format(Locale.ROOT, "%.0f days", seconds / 86_400);
        if (seconds >= 2 * 3_600) return String.format(Locale.ROOT, "%.0f hours", seconds / 3_600);
        if (seconds >= 120) return String.format(Locale.ROOT, "%.0f minutes", seconds / 60);
        return String.format(Locale.ROOT, "%.0f seconds", seconds);
    }
}
