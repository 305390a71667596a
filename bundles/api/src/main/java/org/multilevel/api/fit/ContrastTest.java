package org.multilevel.api.fit;

/**
 * Test of H0: L beta = 0. With one row of L it is a t (or z) test and {@code estimate}/{@code se} are
 * those of L beta; with several rows it is an F test and they are NaN.
 *
 * @param numDf     rows of L (its rank)
 * @param denDf     denominator df; +Infinity for an asymptotic test
 * @param statistic t (one row) or F
 */
public record ContrastTest(double estimate, double se, double numDf, double denDf, double statistic, double p) {
}
