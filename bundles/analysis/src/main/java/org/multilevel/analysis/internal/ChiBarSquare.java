package org.multilevel.analysis.internal;

import org.apache.commons.math3.special.Gamma;

/**
 * p-values of likelihood-ratio tests. When the null value of a variance lies on the boundary of its space
 * the statistic follows an equal mixture of chi-square distributions with k-1 and k df (Self and Liang;
 * Stram and Lee), where k is the number of parameters the larger model adds; chi-square with 0 df is the
 * point mass at 0.
 */
public final class ChiBarSquare {
    private ChiBarSquare() {
    }

    /**
     * P(chi-square with df degrees of freedom > x); df 0 is the point mass at zero. The regularized upper
     * gamma function keeps small tails accurate where 1 - CDF would cancel.
     */
    public static double upperTail(double x, int df) {
        if (df <= 0) return x > 0 ? 0.0 : 1.0;
        if (x <= 0) return 1.0;
        return Gamma.regularizedGammaQ(df / 2.0, x / 2.0);
    }

    /** The equal mixture of chi-square with df-1 and df degrees of freedom. */
    public static double mixture(double x, int df) {
        return 0.5 * upperTail(x, df - 1) + 0.5 * upperTail(x, df);
    }
}
