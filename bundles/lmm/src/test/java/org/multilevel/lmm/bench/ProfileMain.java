package org.multilevel.lmm.bench;

import org.multilevel.lmm.internal.*;

public final class ProfileMain {
    static long cpu() { return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); }
    public static void main(String[] args) {
        var d = SyntheticData.generate(5000, 200, 20261122L).design();
        for (int rep = 0; rep < (args.length > 0 ? Integer.parseInt(args[0]) : 5); rep++) {
            long t0 = cpu();
            RandomStructure s = RandomStructure.of(d);
            long t1 = cpu();
            Crossproducts cp = new Crossproducts(d, s);
            long t2 = cpu();
            NestedCholesky n = new NestedCholesky(cp);
            GeneralCholesky g = new GeneralCholesky(cp);
            double[] th = s.initialTheta();
            long t3 = cpu();
            for (int i = 0; i < 100; i++) n.factor(s.lambdas(th));
            long t4 = cpu();
            for (int i = 0; i < 100; i++) g.factor(s.lambdas(th));
            long t5 = cpu();
            System.out.printf("structure %.1f ms, crossproducts %.1f ms, engines %.1f, nested eval %.3f ms, general eval %.3f ms%n",
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e8, (t5 - t4) / 1e8);
        }
    }
}
