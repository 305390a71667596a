package org.multilevel.lmm.bench;

import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.lmm.NestedLmmEstimator;

/** One fit in a fresh JVM, as the command line does it: wall and CPU time. */
public final class ColdMain {
    public static void main(String[] args) {
        var d = SyntheticData.generate(5000, 200, 20261122L).design();
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        FittedModel fit = new NestedLmmEstimator().fit(d, FitOptions.of(org.multilevel.api.fit.Method.REML,
                DdfMethod.valueOf(args.length > 0 ? args[0] : "SATTERTHWAITE")));
        long t1 = System.nanoTime();
        long c1 = mx.getCurrentThreadCpuTime();
        System.out.printf("cold fit: wall %.0f ms, thread cpu %.0f ms, %d evals, loadavg %.1f %s%n", (t1 - t0) / 1e6,
                (c1 - c0) / 1e6, fit.result().optimizer().evaluations(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), fit.result().warnings());
    }
}
