package org.multilevel.analysis.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.multilevel.api.MultilevelException;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.RandomTerm;

/**
 * The checks lme4 makes before fitting (checkNlevels, check.nobs.vs.nlev, check.nobs.vs.nRE): a model whose
 * random effects the data cannot identify is refused with the reason instead of a meaningless fit.
 */
final class Identifiability {
    private Identifiability() {
    }

    static void check(DesignMatrices design) {
        if (design.random().isEmpty()) {
            throw new MultilevelException("the formula " + design.spec().formula() + " has no random-effects term such "
                    + "as (1 | group); a mixed model needs at least one (for ordinary least squares per cluster use "
                    + "ols-by-cluster)");
        }
        int n = design.rows();
        Map<String, RandomTerm> factors = new LinkedHashMap<>();
        long randomEffects = 0;
        for (RandomTerm t : design.random()) {
            factors.putIfAbsent(t.group(), t);
            randomEffects += (long) t.levelCount() * t.effects();
        }
        for (RandomTerm t : factors.values()) {
            if (t.levelCount() < 2) {
                throw new MultilevelException("grouping factor " + t.group() + " has only " + t.levelCount()
                        + " level in the rows used; a random effect needs at least 2 levels");
            }
        }
        if (design.spec().family() != Family.GAUSSIAN) return; // lme4 makes the next checks for linear models only
        for (RandomTerm t : factors.values()) {
            if (t.levelCount() >= n) {
                throw new MultilevelException("grouping factor " + t.group() + " has " + t.levelCount()
                        + " levels for " + n + " observations: its variance cannot be told apart from the residual "
                        + "variance (each level needs more than one observation on average)");
            }
        }
        if (randomEffects >= n) {
            throw new MultilevelException("the model has " + randomEffects + " random effects but only " + n
                    + " observations: the random-effects variances and the residual variance are probably "
                    + "unidentifiable; simplify the random part of the formula");
        }
    }
}
