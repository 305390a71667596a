package org.multilevel.api.fit;

/** Conditional modes (empirical Bayes estimates) of one level of a grouping factor, with conditional SDs. */
public record LevelModes(String level, double[] values, double[] condSD) {
}
