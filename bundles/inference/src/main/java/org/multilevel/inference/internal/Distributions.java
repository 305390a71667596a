package org.multilevel.inference.internal;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;

/** Upper-tail probabilities computed directly (not as 1 - cdf) so that tiny p-values keep their precision. */
public final class Distributions {
    private Distributions() {
    }

    /** P(F > f) for F ~ F(d1, d2); d2 = +Infinity gives the chi-square limit P(chi2_d1 > d1 f). */
    public static double upperF(double f, double d1, double d2) {
        if (Double.isNaN(f) || Double.isNaN(d1) || Double.isNaN(d2)) return Double.NaN;
        if (f <= 0) return 1.0;
        if (Double.isInfinite(d2)) {
            return org.apache.commons.math3.special.Gamma.regularizedGammaQ(d1 / 2.0, d1 * f / 2.0);
        }
        double x = d2 / (d2 + d1 * f);
        return Beta.regularizedBeta(x, d2 / 2.0, d1 / 2.0);
    }

    /** Two-sided P(|T| > |t|) for T ~ t(df); df = +Infinity gives the normal. */
    public static double twoSidedT(double t, double df) {
        if (Double.isNaN(t) || Double.isNaN(df)) return Double.NaN;
        if (Double.isInfinite(df)) return Erf.erfc(Math.abs(t) / Math.sqrt(2.0));
        return Beta.regularizedBeta(df / (df + t * t), df / 2.0, 0.5);
    }
}
