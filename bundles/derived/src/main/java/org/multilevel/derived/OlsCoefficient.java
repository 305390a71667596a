package org.multilevel.derived;

/**
 * One OLS coefficient with its t test; all null when the column is aliased (collinear with earlier columns
 * in this fit), as R's {@code lm} reports NA.
 */
public record OlsCoefficient(String term, Double estimate, Double se, Double statistic, Double p) {
}
