package org.multilevel.api.model;

import java.util.List;

/**
 * One random-effects term {@code (effects | group)}: its model matrix Z (n x q, row-major) and the level of
 * the grouping factor of each row. A term written with {@code ||} is split by the formula into one term per
 * effect, so every term has an unstructured covariance of its q effects.
 *
 * @param group       lme4's name of the grouping factor: "school", or "cask:batch" for {@code (1 | batch/cask)}
 * @param levels      level names ("a:I" for an interaction factor, inner factor first as lme4 prints it)
 * @param levelOfRow  the level index of each row, 0..levels.size()-1
 * @param effectNames "(Intercept)", "cses", ...
 * @param z           n x q values, row-major: z[i * q + k]
 */
public record RandomTerm(String group, List<String> levels, int[] levelOfRow, List<String> effectNames, double[] z) {
    public RandomTerm {
        levels = List.copyOf(levels);
        effectNames = List.copyOf(effectNames);
    }

    public int effects() {
        return effectNames.size();
    }

    public int levelCount() {
        return levels.size();
    }
}
