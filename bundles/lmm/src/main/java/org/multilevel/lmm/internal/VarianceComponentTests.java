package org.multilevel.lmm.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.special.Gamma;

/**
 * Likelihood-ratio tests of the variance components, one per random-effects term: the term's last effect
 * (its variance and its covariances with the term's other effects) is removed, or the whole term when it
 * has one effect. The reduced model is the same model with the corresponding row of the term's Lambda held
 * at zero, refitted with the fit's own criterion (REML fits compare REML criteria: the fixed effects are
 * the same). The null value lies on the boundary of the parameter space, so besides the naive chi-square
 * with k degrees of freedom (k parameters removed) the p-value of the equal mixture of chi-square(k-1) and
 * chi-square(k) is given (Self and Liang 1987; Stram and Lee 1994).
 */
public final class VarianceComponentTests {
    /**
     * One test.
     *
     * @param term       the random term as written in a formula, "(1 + cses | school)"
     * @param removed    the random effect removed ("cses"), or the whole term
     * @param chisq      twice the log-likelihood difference (deviance or REML criterion difference), >= 0
     * @param df         parameters removed
     * @param p          naive chi-square(df) p-value
     * @param pMixture   p-value of the 50:50 mixture of chi-square(df-1) and chi-square(df)
     * @param mixtureDf  the mixture's degrees of freedom {df-1, df}
     * @param criterion  "REML" or "ML"
     */
    public record Test(String term, String removed, double chisq, int df, double p, double pMixture,
                       List<Integer> mixtureDf, String criterion) {
    }

    private VarianceComponentTests() {
    }

    public static List<Test> compute(LinearMixedFit fit) {
        ProfiledDeviance dev = fit.deviance();
        RandomStructure s = dev.structure();
        double[] thetaHat = fit.theta();
        double full = dev.criterion(thetaHat);
        double[] lower = s.lowerBounds();
        List<Test> out = new ArrayList<>();
        for (RandomStructure.Term t : s.terms()) {
            int q = t.q();
            // theta entries of the term's last row (lower triangle, column-major)
            boolean[] dropped = new boolean[thetaHat.length];
            int idx = t.thetaOffset();
            for (int c = 0; c < q; c++)
                for (int r = c; r < q; r++) {
                    if (r == q - 1) dropped[idx] = true;
                    idx++;
                }
            int[] free = freeIndices(dropped);
            double reduced = reducedCriterion(dev, thetaHat, lower, free);
            double chisq = Math.max(reduced - full, 0);
            int k = q;
            double p = upperTail(chisq, k);
            double pMix = 0.5 * upperTail(chisq, k - 1) + 0.5 * p;
            String removed = q == 1 ? "the term" : t.effects().get(q - 1);
            out.add(new Test(formula(t), removed, chisq, k, p, pMix, List.of(k - 1, k), fit.method()));
        }
        return List.copyOf(out);
    }

    private static int[] freeIndices(boolean[] dropped) {
        int n = 0;
        for (boolean d : dropped) if (!d) n++;
        int[] free = new int[n];
        int i = 0;
        for (int j = 0; j < dropped.length; j++) if (!dropped[j]) free[i++] = j;
        return free;
    }

    /** Minimum of the criterion over the free theta entries, the others held at 0. */
    private static double reducedCriterion(ProfiledDeviance dev, double[] thetaHat, double[] lower, int[] free) {
        int total = thetaHat.length;
        java.util.function.Function<double[], double[]> embed = x -> {
            double[] theta = new double[total];
            for (int i = 0; i < free.length; i++) theta[free[i]] = x[i];
            return theta;
        };
        if (free.length == 0) return dev.criterion(new double[total]);
        double[] start = new double[free.length];
        double[] lo = new double[free.length];
        for (int i = 0; i < free.length; i++) {
            start[i] = thetaHat[free[i]];
            lo[i] = lower[free[i]];
        }
        ThetaOptimizer.Outcome o = ThetaOptimizer.minimize(x -> dev.criterion(embed.apply(x)), start, lo, 100_000);
        return o.value();
    }

    private static double upperTail(double x, int df) {
        if (df == 0) return x > 0 ? 0.0 : 1.0;   // chi-square(0) is a point mass at 0
        return Gamma.regularizedGammaQ(df / 2.0, x / 2);
    }

    static String formula(RandomStructure.Term t) {
        List<String> parts = new ArrayList<>();
        boolean intercept = t.effects().contains("(Intercept)");
        if (!intercept) parts.add("0");
        for (String e : t.effects()) parts.add(e.equals("(Intercept)") ? "1" : e);
        return "(" + String.join(" + ", parts) + " | " + t.group() + ")";
    }
}
