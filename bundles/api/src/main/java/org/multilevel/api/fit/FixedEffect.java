package org.multilevel.api.fit;

/**
 * One fixed-effect coefficient with its Wald test.
 *
 * @param df        denominator df, or null for an asymptotic z test
 * @param statistic t (with df) or z
 * @param lower     lower end of the 95% interval
 * @param upper     upper end of the 95% interval
 */
public record FixedEffect(String term, double estimate, double se, Double df, double statistic, double p,
                          double lower, double upper) {
}
