package org.multilevel.api.fit;

/** Service properties an {@link Estimator} registers with; the analysis service filters on them. */
public final class EstimatorProperties {
    /** String+: families it fits, R names ("gaussian", "binomial", "poisson"). */
    public static final String FAMILIES = "multilevel.families";
    /** String+: methods it fits, labels of {@link Method} ("REML", "ML", "Laplace", "AGQ"). */
    public static final String METHODS = "multilevel.methods";
    /** String+: random-effects structures it fits: "nested" (including a single factor), "crossed". */
    public static final String STRUCTURES = "multilevel.structures";
    /** String: the estimator's name. */
    public static final String NAME = "multilevel.estimator";

    public static final String NESTED = "nested";
    public static final String CROSSED = "crossed";

    private EstimatorProperties() {
    }
}
