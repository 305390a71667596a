package org.multilevel.lmm.internal;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;

/** Tail probabilities computed from the special functions so that tiny p-values keep their precision. */
public final class Distributions {
    private Distributions() {
    }

    /** Two-sided p of a t statistic; df = +infinity gives the normal. */
    public static double tTwoSided(double t, double df) {
        if (Double.isNaN(t) || Double.isNaN(df)) return Double.NaN;
        if (Double.isInfinite(df)) return Erf.erfc(Math.abs(t) / Math.sqrt(2));
        return Beta.regularizedBeta(df / (df + t * t), 0.5 * df, 0.5);
    }

    /** P(F > f) with (d1, d2) df; d2 = +infinity gives chi-square(d1) / d1. */
    public static double fUpper(double f, double d1, double d2) {
        if (Double.isNaN(f) || Double.isNaN(d2)) return Double.NaN;
        if (f <= 0) return 1.0;
        if (Double.isInfinite(d2)) return Gamma.regularizedGammaQ(d1 / 2, d1 * f / 2);
        return Beta.regularizedBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
    }

    /** The 97.5% quantile of t (normal when df is infinite). */
    public static double t975(double df) {
        if (Double.isInfinite(df)) return 1.959963984540054;
        return new TDistribution(null, df).inverseCumulativeProbability(0.975);
    }
}
