package org.multilevel.lmm.internal;

import java.util.List;
import java.util.Locale;
import org.multilevel.api.task.WorkLimits;

/**
 * The estimated cost of a linear mixed fit, checked against {@link WorkLimits} before any large array is
 * allocated. The model (an estimate, not a bound):
 * <ul>
 *   <li>one deviance evaluation factors the dense block of d = p fixed effects: d³/3 operations, and, for
 *       nested factors, updates it from each level: q³/3 + q²·d + q·d² for a level with q effects (the general
 *       strategy's sparse or blocked random-effects system is costed from its symbolic factorization by
 *       {@code GeneralEngine} instead);</li>
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
        double d = dense;
        double flops = d * d * d / 3;
        long qAll = 0;
        for (int k = 0; k < factors.size(); k++) {
            RandomStructure.Factor f = factors.get(k);
            double q = f.q();
            qAll += f.q();
            // the general strategy's random-effects system is costed by its own symbolic factorization
            // (GeneralEngine, which refuses what does not fit in memory); here only the fixed block counts
            if (strategy == LmmFitter.Strategy.GENERAL) continue;
            flops += f.levelCount() * (q * q * q / 3 + q * q * d + q * d * d);
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
