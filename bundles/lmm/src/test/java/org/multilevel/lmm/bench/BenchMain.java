package org.multilevel.lmm.bench;

import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.lmm.GeneralLmmEstimator;
import org.multilevel.lmm.NestedLmmEstimator;

/** Manual timing (not a test): java -cp ... org.multilevel.lmm.bench.BenchMain [clusters] [rowsPerCluster]. */
public final class BenchMain {
    public static void main(String[] args) {
        int clusters = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int per = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        DesignMatrices d = SyntheticData.generate(clusters, per, 20261122L).design();
        for (int rep = 0; rep < 4; rep++) {
            for (var est : new org.multilevel.api.fit.Estimator[] {new NestedLmmEstimator(), new GeneralLmmEstimator()}) {
                long t0 = System.nanoTime();
                FittedModel fit = est.fit(d, FitOptions.of(Method.REML, DdfMethod.RESIDUAL));
                long t1 = System.nanoTime();
                FitResult r = fit.result();
                double df = fit.test(new double[][] {{0, 1, 0, 0}}, DdfMethod.SATTERTHWAITE).denDf();
                double[] all = new double[4];
                long t2 = System.nanoTime();
                System.out.printf("%s fit %.0f ms (%d evals), Satterthwaite %.0f ms (df x %.1f) logLik %.3f beta %s%n",
                        est.name(), (t1 - t0) / 1e6, r.optimizer().evaluations(), (t2 - t1) / 1e6, df, r.logLik(),
                        java.util.Arrays.toString(fit.beta()));
            }
        }
    }
}
