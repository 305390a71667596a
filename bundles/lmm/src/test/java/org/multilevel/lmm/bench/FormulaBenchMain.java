package org.multilevel.lmm.bench;

import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.formula.FormulaModelFrameBuilder;
import org.multilevel.lmm.NestedLmmEstimator;
import org.multilevel.transform.internal.CenteringService;

/** Manual timing of the whole in-memory path: data set -> formula -> fit (+ Satterthwaite table). */
public final class FormulaBenchMain {
    public static void main(String[] args) {
        var data = SyntheticData.generate(5000, 200, 20261122L).dataset();
        for (int rep = 0; rep < 3; rep++) {
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            var th = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = th.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            var d = new FormulaModelFrameBuilder(new CenteringService()).build(data, ModelSpec.gaussian(SyntheticData.FORMULA));
            long t1 = System.nanoTime();
            long c1 = th.getCurrentThreadCpuTime();
            FittedModel fit = new NestedLmmEstimator().fit(d, FitOptions.of(Method.REML, DdfMethod.SATTERTHWAITE));
            long t2 = System.nanoTime();
            long c2 = th.getCurrentThreadCpuTime();
            System.out.printf("formula %.0f ms (cpu %.0f), fit+Satterthwaite %.0f ms (cpu %.0f), logLik %.3f, load %.1f%n", (t1 - t0) / 1e6,
                    (c1 - c0) / 1e6, (t2 - t1) / 1e6, (c2 - c1) / 1e6, fit.result().logLik(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
