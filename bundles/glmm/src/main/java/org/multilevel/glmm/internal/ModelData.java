package org.multilevel.glmm.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.special.Gamma;
import org.multilevel.api.fit.EstimationException;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.RandomTerm;

/**
 * The model's rows as the deviance evaluations use them: response checked against the family's range, random
 * terms in lme4's order (decreasing number of levels), and rows with identical levels, covariates and offset
 * merged into one weighted row (weights add, the response is the weighted mean). Everything in primitive
 * arrays so that the pass over the rows in PIRLS allocates nothing.
 */
final class ModelData {
    final GlmFamily family;
    final int nobs;
    /** merged rows */
    final int n;
    final int p;
    final double[] x;
    final double[] offset;
    final double[] y;
    final double[] w;
    /** random terms in lme4's order */
    final List<RandomTerm> terms;
    final int[][] level;
    final double[][] z;
    final int[] q;
    /** sum over the original rows of -2 log p(y|mu) terms free of mu (R's aic() normalizing constants) */
    final double logLikConstant;
    /** sum over the original rows of the kernel at the saturated mean (for deviance residuals) */
    final double saturatedKernel;
    final List<String> warnings;

    ModelData(DesignMatrices d, GlmFamily family) {
        this.family = family;
        this.nobs = d.rows();
        this.p = d.fixed().columns();
        List<String> warn = new ArrayList<>();
        List<RandomTerm> sorted = new ArrayList<>(d.random());
        sorted.sort(Comparator.comparingInt((RandomTerm t) -> -t.levelCount()));
        this.terms = List.copyOf(sorted);
        int k = terms.size();
        this.q = new int[k];
        for (int t = 0; t < k; t++) q[t] = terms.get(t).effects();

        double[] y0 = d.y();
        double[] w0 = d.weights();
        double[] off0 = d.offset();
        double[] x0 = d.fixed().values();
        double constant = 0;
        double sat = 0;
        boolean nonInteger = false;
        for (int i = 0; i < nobs; i++) {
            double yi = y0[i];
            double wi = w0 == null ? 1 : w0[i];
            if (!Double.isFinite(yi)) throw new EstimationException("The response is missing or not finite in model row " + (i + 1) + ".");
            if (!(wi > 0) || !Double.isFinite(wi)) {
                throw new EstimationException("Row " + (i + 1) + " has " + (family.binomial() ? "number of trials " : "weight ") + wi
                        + "; it must be positive (drop rows with no trials).");
            }
            if (family.binomial()) {
                if (yi < 0 || yi > 1) {
                    throw new EstimationException("The binomial response must be a proportion between 0 and 1 (or 0/1, or cbind(successes, failures)), but row "
                            + (i + 1) + " has " + yi + ".");
                }
                if (w0 == null && yi != 0 && yi != 1) {
                    throw new EstimationException("The binomial response is a proportion (" + yi + " in row " + (i + 1)
                            + ") without the number of trials; write the response as cbind(successes, failures).");
                }
                double s = wi * yi;
                if (Math.abs(s - Math.rint(s)) > 1e-7 || Math.abs(wi - Math.rint(wi)) > 1e-7) nonInteger = true;
                double nn = Math.rint(wi), ss = Math.rint(s);
                constant += -2 * (Gamma.logGamma(nn + 1) - Gamma.logGamma(ss + 1) - Gamma.logGamma(nn - ss + 1));
            } else {
                if (yi < 0) {
                    throw new EstimationException("The Poisson response must be a count, but row " + (i + 1) + " has the negative value " + yi
                            + "; check the response column.");
                }
                if (Math.abs(yi - Math.rint(yi)) > 1e-7) nonInteger = true;
                constant += 2 * wi * Gamma.logGamma(yi + 1);
            }
            sat += family.saturatedKernel(yi, wi);
            for (int j = 0; j < p; j++) {
                if (!Double.isFinite(x0[i * p + j])) {
                    throw new EstimationException("The fixed-effects column " + d.fixed().columnNames().get(j) + " is not finite in model row " + (i + 1) + ".");
                }
            }
            if (off0 != null && !Double.isFinite(off0[i])) {
                throw new EstimationException("The offset is not finite in model row " + (i + 1) + " (log of a zero exposure?).");
            }
        }
        if (nonInteger) {
            warn.add(family.binomial()
                    ? "Non-integer numbers of successes in a binomial model (R warns the same): the likelihood's binomial coefficients are rounded."
                    : "Non-integer counts in a Poisson model (R warns the same): the Poisson likelihood is defined for whole counts only.");
        }
        this.logLikConstant = constant;
        this.saturatedKernel = sat;
        this.warnings = List.copyOf(warn);

        // merge identical rows
        int width = p + 1;
        for (int t = 0; t < k; t++) width += q[t];
        Map<Key, Integer> index = new HashMap<>();
        int[] groupOf = new int[nobs];
        int groups = 0;
        for (int i = 0; i < nobs; i++) {
            double[] v = new double[width];
            int[] lv = new int[k];
            System.arraycopy(x0, i * p, v, 0, p);
            v[p] = off0 == null ? 0 : off0[i];
            int c = p + 1;
            for (int t = 0; t < k; t++) {
                RandomTerm rt = terms.get(t);
                lv[t] = rt.levelOfRow()[i];
                System.arraycopy(rt.z(), i * q[t], v, c, q[t]);
                c += q[t];
            }
            Integer g = index.putIfAbsent(new Key(v, lv), groups);
            if (g == null) g = groups++;
            groupOf[i] = g;
        }
        this.n = groups;
        x = new double[n * p];
        offset = new double[n];
        y = new double[n];
        w = new double[n];
        level = new int[k][n];
        z = new double[k][];
        for (int t = 0; t < k; t++) z[t] = new double[n * q[t]];
        boolean[] seen = new boolean[n];
        for (int i = 0; i < nobs; i++) {
            int g = groupOf[i];
            double wi = w0 == null ? 1 : w0[i];
            w[g] += wi;
            y[g] += wi * y0[i];
            if (seen[g]) continue;
            seen[g] = true;
            System.arraycopy(x0, i * p, x, g * p, p);
            offset[g] = off0 == null ? 0 : off0[i];
            for (int t = 0; t < k; t++) {
                RandomTerm rt = terms.get(t);
                level[t][g] = rt.levelOfRow()[i];
                System.arraycopy(rt.z(), i * q[t], z[t], g * q[t], q[t]);
            }
        }
        for (int g = 0; g < n; g++) y[g] /= w[g];
    }

    int termCount() {
        return terms.size();
    }

    private record Key(double[] values, int[] levels) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Arrays.equals(values, other.values) && Arrays.equals(levels, other.levels);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(values) + Arrays.hashCode(levels);
        }
    }
}
