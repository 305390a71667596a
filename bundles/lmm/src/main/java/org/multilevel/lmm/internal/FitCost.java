package org.multilevel.lmm.internal;

import java.util.List;
import java.util.Locale;
import org.multilevel.api.task.WorkLimits;

/**
 * The estimated cost of a linear mixed fit, checked against {@link WorkLimits} before any large array is
 * allocated. The model (an estimate, not a bound):
 * <ul>
 *   <li>one deviance evaluation factors the dense block of d = p fixed effects (plus, for the general strategy,
 *       the random effects of every factor but the first): d³/3 operations, and updates it from each level of the
 *       per-level factors: q³/3 + q²·w + q·w² for a level with q effects touching w columns of the dense block
 *       (w = d for nested factors; for the first factor of a crossed model at most its rows times the effects of
 *       the other factors, plus p);</li>
 *   <li>a fit takes about 60 + 20k + 2k² evaluations for k covariance parameters (the optimizer's start, its
 *       iterations and lme4's finite-difference convergence check, as counted on the reference cases);</li>
 *   <li>memory: the dense block twice (block and factor) and the crossproducts, two doubles per row and column.</li>
 * </ul>
 * A sparse factorization can supply its own figures through the record's constructor.
 *
 * @param denseSize          columns of the dense block
 * @param bytes              memory held during the fit
 * @param flopsPerEvaluation operations of one deviance evaluation
 * @param thetaCount         covariance parameters optimized
 */
public record FitCost(long denseSize, double bytes, double flopsPerEvaluation, int thetaCount) {

    public static FitCost of(RandomStructure s, int rows, int p, LmmFitter.Strategy strategy) {
        List<RandomStructure.Factor> factors = s.factors();
        long dense = p;
        if (strategy == LmmFitter.Strategy.GENERAL) dense += GeneralCholesky.denseSize(s);
        double d = dense;
        double flops = d * d * d / 3;
        long otherEffects = 0;
        for (int k = 1; k < factors.size(); k++) otherEffects += factors.get(k).q();
        long qAll = 0;
        for (int k = 0; k < factors.size(); k++) {
            RandomStructure.Factor f = factors.get(k);
            double q = f.q();
            qAll += f.q();
            if (strategy == LmmFitter.Strategy.GENERAL && k > 0) continue; // inside the dense block
            if (strategy == LmmFitter.Strategy.GENERAL) {
                int[] rowsOfLevel = new int[f.levelCount()];
                for (int level : f.levelOfRow()) rowsOfLevel[level]++;
                for (int count : rowsOfLevel) {
                    double w = Math.min(d, (double) count * otherEffects + p);
                    flops += q * q * q / 3 + q * q * w + q * w * w;
                }
            } else {
                flops += f.levelCount() * (q * q * q / 3 + q * q * d + q * d * d);
            }
        }
        double bytes = 2 * d * d * Double.BYTES + 2.0 * rows * (p + qAll) * Double.BYTES;
        return new FitCost(dense, bytes, flops, s.thetaCount());
    }

    /** Deviance evaluations a fit typically needs. */
    public double evaluations() {
        double k = thetaCount;
        return 60 + 20 * k + 2 * k * k;
    }

    /** @throws org.multilevel.api.task.WorkTooLargeException when the fit would not fit in memory or time */
    public void require(WorkLimits limits) {
        String what = String.format(Locale.ROOT, "the fit (a dense block of %d columns, about %.0f deviance evaluations)",
                denseSize, evaluations());
        limits.require(what, bytes, flopsPerEvaluation * evaluations(),
                "a factor with many levels fits faster as a random effect than as a fixed effect, and fewer levels in "
                        + "the smaller crossed factors shrink the dense block");
    }
}
