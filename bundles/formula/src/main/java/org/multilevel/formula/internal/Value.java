package org.multilevel.formula.internal;

import java.util.List;

/** A variable evaluated on the analysed rows: numeric values or a factor. */
public sealed interface Value {

    /** Numeric values, one per analysed row. */
    record Numeric(double[] values) implements Value {
    }

    /**
     * A factor: the level index of each analysed row and the level names in R's order; unused levels are
     * dropped (as lme4's model frame does).
     */
    record Factor(int[] codes, List<String> levels) implements Value {
        public Factor {
            levels = List.copyOf(levels);
        }

        public int levelCount() {
            return levels.size();
        }
    }
}
