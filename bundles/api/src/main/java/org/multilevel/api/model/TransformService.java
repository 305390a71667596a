package org.multilevel.api.model;

/** Computes centered and standardized versions of a variable. Stateless. */
public interface TransformService {
    /**
     * @param transform what to compute
     * @param values    the variable over the analysed rows only (no missing values)
     * @param cluster   cluster index (0..k-1) of each of those rows; null unless {@link Transform#needsCluster()}
     * @return a new array of the same length
     */
    double[] apply(Transform transform, double[] values, int[] cluster);
}
