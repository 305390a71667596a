package org.multilevel.lmm.bench;

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
import org.multilevel.lmm.internal.Crossproducts;
import org.multilevel.lmm.internal.Factorization;
import org.multilevel.lmm.internal.GeneralCholesky;
import org.multilevel.lmm.internal.RandomStructure;
import org.multilevel.transform.internal.CenteringService;

/**
 * Manual timing (not a test) of a large crossed fit with the real importer and formula classes:
 * java -cp ... org.multilevel.lmm.bench.CrossedTimingMain [csv] [formula]. Defaults: InstEval, full crossed model.
 */
public final class CrossedTimingMain {
    private static long t() {
        return System.nanoTime();
    }

    public static void main(String[] args) {
        Path csv = Path.of(args.length > 0 ? args[0] : "/work/team/extra/data/insteval.csv");
        String formula = args.length > 1 ? args[1] : "y ~ service + lectage + (1 | s) + (1 | d) + (1 | dept:service)";
        long t0 = t();
        var ds = new CsvDataImporter().read(csv, ImportOptions.defaults());
        long t1 = t();
        DesignMatrices d = new FormulaModelFrameBuilder(new CenteringService()).build(ds, ModelSpec.gaussian(formula));
        long t2 = t();
        System.out.printf("import %.0f ms, frame %.0f ms (%d rows, p %d)%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, d.rows(),
                d.fixed().columns());
        RandomStructure s = RandomStructure.of(d);
        Crossproducts cp = new Crossproducts(d, s);
        GeneralCholesky g = new GeneralCholesky(cp);
        long t3 = t();
        double[] th = s.initialTheta();
        int reps = 5;
        Factorization f = null;
        for (int i = 0; i < reps; i++) f = g.factor(s.lambdas(th));
        long t4 = t();
        f.condCov();
        long t5 = t();
        System.out.printf("structure+crossproducts %.0f ms, one factorization %.0f ms, condCov %.0f ms%n",
                (t3 - t2) / 1e6, (t4 - t3) / 1e6 / reps, (t5 - t4) / 1e6);
        for (int rep = 0; rep < (args.length > 2 ? Integer.parseInt(args[2]) : 1); rep++) {
            long a = t();
            FittedModel fit = new GeneralLmmEstimator().fit(d, FitOptions.of(Method.REML, DdfMethod.NONE));
            long b = t();
            var r = fit.result();
            double[] l = new double[d.fixed().columns()];
            l[l.length - 1] = 1;
            double df = fit.test(new double[][] {l}, DdfMethod.SATTERTHWAITE).denDf();
            long c = t();
            System.out.printf("Satterthwaite df of the last coefficient %.10f%n", df);
            System.out.printf("fit (optimizer + ranef/condVar) %.0f ms, %d evaluations; Satterthwaite %.0f ms;"
                            + " logLik %.8f sigma %.8f theta %s%n", (b - a) / 1e6, r.optimizer().evaluations(), (c - b) / 1e6,
                    r.logLik(), Math.sqrt(r.sigma2()), java.util.Arrays.toString(r.optimizer().parameters()));
        }
    }
}
