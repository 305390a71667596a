package org.multilevel.analysis.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.multilevel.api.fit.EstimatorProperties;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.RandomTerm;

/**
 * Whether a design's grouping factors are nested (a single factor, or factors each of which lies within
 * another) or crossed (two factors neither of which lies within the other, as plate and sample).
 */
public final class DesignStructure {
    private DesignStructure() {
    }

    /** {@link EstimatorProperties#NESTED} or {@link EstimatorProperties#CROSSED}. */
    public static String of(DesignMatrices design) {
        Map<String, RandomTerm> factors = new LinkedHashMap<>();
        for (RandomTerm t : design.random()) factors.putIfAbsent(t.group(), t);
        List<RandomTerm> list = new ArrayList<>(factors.values());
        for (int a = 0; a < list.size(); a++) {
            for (int b = a + 1; b < list.size(); b++) {
                RandomTerm x = list.get(a);
                RandomTerm y = list.get(b);
                if (!within(x, y) && !within(y, x)) return EstimatorProperties.CROSSED;
            }
        }
        return EstimatorProperties.NESTED;
    }

    /** True when every level of {@code inner} occurs with exactly one level of {@code outer}. */
    static boolean within(RandomTerm inner, RandomTerm outer) {
        int[] outerOf = new int[inner.levelCount()];
        java.util.Arrays.fill(outerOf, -1);
        int[] in = inner.levelOfRow();
        int[] out = outer.levelOfRow();
        for (int i = 0; i < in.length; i++) {
            int seen = outerOf[in[i]];
            if (seen < 0) {
                outerOf[in[i]] = out[i];
            } else if (seen != out[i]) {
                return false;
            }
        }
        return true;
    }
}
