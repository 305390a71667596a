package org.multilevel.api.fit;

import java.util.List;

/**
 * The estimated covariance matrix of one random-effects term's effects (variances on the diagonal), on the
 * scale of the linear predictor.
 *
 * @param group lme4's name ("school"; a second term on the same factor is "school.1")
 */
public record VarianceComponent(String group, List<String> terms, double[][] covariance) {
    public VarianceComponent {
        terms = List.copyOf(terms);
    }

    public double sd(int k) {
        return Math.sqrt(covariance[k][k]);
    }

    public double correlation(int j, int k) {
        double d = Math.sqrt(covariance[j][j] * covariance[k][k]);
        return d > 0 ? covariance[j][k] / d : Double.NaN;
    }
}
