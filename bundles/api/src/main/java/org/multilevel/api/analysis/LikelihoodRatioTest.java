package org.multilevel.api.analysis;

/**
 * Likelihood-ratio test between two models of a comparison (indexes into its model list).
 *
 * @param pMixture  chi-bar-square p-value when the models differ only in variance terms, else null
 * @param mixtureDf the two df of the equal chi-square mixture, or null
 */
public record LikelihoodRatioTest(int from, int to, double chisq, int df, double p, Double pMixture,
                                  int[] mixtureDf) {
}
