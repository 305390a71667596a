package org.multilevel.inference;

import java.util.List;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.fit.ContrastTest;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.FixedDesign;
import org.multilevel.api.model.RandomTerm;
import org.multilevel.inference.internal.Partition;

/**
 * SAS's between-within denominator degrees of freedom (PROC MIXED DDFM=BETWITHIN). The residual df n - p is
 * split at the clusters (the levels of the grouping factor every other random factor is nested in; with crossed
 * factors, the first random term's factor): a fixed-effect column that is constant within every cluster
 * (including the intercept) is a between-cluster effect and gets J - p_b df (J clusters, p_b between columns);
 * every other column gets the within df n - p - (J - p_b).
 *
 * <p>For a contrast, the df are the minimum over the columns the contrast involves (non-zero coefficients), so a
 * contrast that mixes between and within effects gets the between df, as SAS does for an effect whose columns
 * are of both kinds. Immutable.
 */
public final class BetweenWithin {
    private final double[] columnDf;
    private final String clusterFactor;
    private final int clusters;
    private final double betweenDf;
    private final double withinDf;

    private BetweenWithin(double[] columnDf, String clusterFactor, int clusters, double betweenDf, double withinDf) {
        this.columnDf = columnDf;
        this.clusterFactor = clusterFactor;
        this.clusters = clusters;
        this.betweenDf = betweenDf;
        this.withinDf = withinDf;
    }

    /** Classifies every column of X as between or within the clusters. */
    public static BetweenWithin of(DesignMatrices design) {
        List<RandomTerm> terms = design.random();
        if (terms.isEmpty()) {
            throw new MultilevelException("Between-within df need a random-effects term to define the clusters.");
        }
        int n = design.rows();
        int top = Partition.nestingTerm(terms, n);
        RandomTerm cluster = terms.get(top >= 0 ? top : 0);
        FixedDesign x = design.fixed();
        int p = x.columns();
        int m = cluster.levelCount();
        int[] level = cluster.levelOfRow();
        boolean[] between = new boolean[p];
        int pBetween = 0;
        for (int j = 0; j < p; j++) {
            double[] first = new double[m];
            boolean[] seen = new boolean[m];
            boolean constant = true;
            for (int i = 0; i < n && constant; i++) {
                double v = x.get(i, j);
                int l = level[i];
                if (!seen[l]) {
                    seen[l] = true;
                    first[l] = v;
                } else if (Math.abs(v - first[l]) > 1e-10 * Math.max(1, Math.abs(first[l]))) {
                    constant = false;
                }
            }
            between[j] = constant;
            if (constant) pBetween++;
        }
        int present = 0;
        boolean[] has = new boolean[m];
        for (int i = 0; i < n; i++) {
            if (!has[level[i]]) {
                has[level[i]] = true;
                present++;
            }
        }
        double bDf = present - pBetween;
        double wDf = n - p - bDf;
        if (bDf < 1) {
            throw new MultilevelException("Between-within df: " + present + " levels of " + cluster.group()
                    + " leave no degrees of freedom for " + pBetween + " between-cluster fixed effects.");
        }
        if (wDf < 1) {
            throw new MultilevelException("Between-within df: no within-cluster degrees of freedom are left ("
                    + n + " rows, " + p + " fixed effects, " + present + " clusters).");
        }
        double[] df = new double[p];
        for (int j = 0; j < p; j++) df[j] = between[j] ? bDf : wDf;
        return new BetweenWithin(df, cluster.group(), present, bDf, wDf);
    }

    /** The df of each column of X, in column order. */
    public double[] columnDf() {
        return columnDf.clone();
    }

    /** The grouping factor that defines the clusters. */
    public String clusterFactor() {
        return clusterFactor;
    }

    public int clusters() {
        return clusters;
    }

    public double betweenDf() {
        return betweenDf;
    }

    public double withinDf() {
        return withinDf;
    }

    /** The minimum df over the columns with a non-zero coefficient in any row of L. */
    public double df(double[][] contrast) {
        double min = Double.POSITIVE_INFINITY;
        for (double[] row : contrast) {
            if (row.length != columnDf.length) {
                throw new MultilevelException("Between-within df: a contrast row has " + row.length
                        + " entries, the model has " + columnDf.length + " fixed effects.");
            }
            for (int j = 0; j < row.length; j++) {
                if (row[j] != 0) min = Math.min(min, columnDf[j]);
            }
        }
        if (Double.isInfinite(min)) throw new MultilevelException("Between-within df: the contrast is zero.");
        return min;
    }

    /** Wald t (one row) or F test of L beta = 0 with the model-based covariance and these df. */
    public ContrastTest test(double[] beta, double[][] covariance, double[][] contrast) {
        return WaldTest.test(beta, covariance, contrast, df(contrast));
    }
}
