package org.multilevel.lmm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.data.internal.CsvDataImporter;
import org.multilevel.formula.FormulaModelFrameBuilder;
import org.multilevel.lmm.GeneralLmmEstimator;
import org.multilevel.lmm.internal.CholeskyEngine;
import org.multilevel.lmm.internal.Crossproducts;
import org.multilevel.lmm.internal.Factorization;
import org.multilevel.lmm.internal.GeneralCholesky;
import org.multilevel.lmm.internal.GeneralEngine;
import org.multilevel.lmm.internal.RandomStructure;
import org.multilevel.transform.internal.CenteringService;

/**
 * Manual timing (not a test) of the crossed shapes: java -cp ... SparseTimingMain shape [scale] [dense yes|no] [fit yes|no].
 */
public final class SparseTimingMain {
    public static void main(String[] args) throws Exception {
        CrossedData shape = CrossedData.parse(args[0]);
        double scale = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        boolean dense = args.length > 2 && args[2].equals("yes");
        boolean fit = args.length <= 3 || args[3].equals("yes");
        Path csv = Files.createTempFile("shape", ".csv");
        int rows = shape.writeCsv(csv, scale);
        var ds = new CsvDataImporter().read(csv, ImportOptions.defaults());
        Files.delete(csv);
        DesignMatrices d = new FormulaModelFrameBuilder(new CenteringService()).build(ds, ModelSpec.gaussian(shape.formula()));
        RandomStructure s = RandomStructure.of(d);
        long t0 = System.nanoTime();
        Crossproducts cp = new Crossproducts(d, s);
        long t1 = System.nanoTime();
        GeneralEngine.Choice c = GeneralEngine.analyse(cp);
        long t2 = System.nanoTime();
        System.out.printf("%s: %d rows, p %d; crossproducts %.0f ms, symbolic %.0f ms; sparse %.3g flops %.0f MB, dense %.3g flops; sparse chosen %s%n",
                shape.label(), rows, d.fixed().columns(), (t1 - t0) / 1e6, (t2 - t1) / 1e6, c.sparseFlops(), c.sparseBytes() / 1e6, c.denseFlops(), c.sparse());
        System.out.println("  " + c.sparseShape());
        double[] th = s.initialTheta();
        time("sparse", new org.multilevel.lmm.internal.SparseCholesky(cp), s, th);
        if (dense) {
            CholeskyEngine de = new GeneralCholesky(cp);
            time("dense", de, s, th);
        }
        if (fit) {
            for (int rep = 0; rep < 2; rep++) {
                long a = System.nanoTime();
                FittedModel f = new GeneralLmmEstimator().fit(d, FitOptions.of(Method.REML, DdfMethod.NONE));
                long b = System.nanoTime();
                double[] l = new double[d.fixed().columns()];
                l[l.length - 1] = 1;
                double df = f.test(new double[][] {l}, DdfMethod.SATTERTHWAITE).denDf();
                long e = System.nanoTime();
                System.out.printf("fit %.0f ms (%d evaluations), Satterthwaite %.0f ms (df %.4f), logLik %.6f theta %s%n", (b - a) / 1e6,
                        f.result().optimizer().evaluations(), (e - b) / 1e6, df, f.result().logLik(),
                        java.util.Arrays.toString(f.result().optimizer().parameters()));
            }
        }
    }

    private static void time(String name, CholeskyEngine e, RandomStructure s, double[] th) {
        Factorization f = null;
        long best = Long.MAX_VALUE;
        long bestCpu = Long.MAX_VALUE;
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < 6; i++) {
            long a = System.nanoTime();
            long ca = os.getProcessCpuTime();
            f = e.factor(s.lambdas(th));
            best = Math.min(best, System.nanoTime() - a);
            bestCpu = Math.min(bestCpu, os.getProcessCpuTime() - ca);
        }
        System.out.printf("  %s: factor cpu %.1f ms%n", name, bestCpu / 1e6);
        long a = System.nanoTime();
        f.condCov();
        long b = System.nanoTime();
        System.out.printf("  %s: factor %.1f ms, condCov %.0f ms, ldL2 %.10f r2 %.10f ldRX2 %.10f%n", name, best / 1e6, (b - a) / 1e6,
                f.ldL2(), f.r2(), f.ldRX2());
    }
}
