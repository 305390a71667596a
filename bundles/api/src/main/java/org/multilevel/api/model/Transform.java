package org.multilevel.api.model;

/** A per-variable transformation offered by the centering/transform service. */
public enum Transform {
    /** x minus the grand mean over the analysed rows. */
    GRAND_MEAN_CENTERED,
    /** x minus its cluster mean: the within-cluster part. */
    WITHIN_CLUSTER,
    /** the cluster mean of x, grand-mean centered: the between-cluster part. */
    CLUSTER_MEAN,
    /** (x - mean) / sd over the analysed rows. */
    Z_SCORE,
    /** x standardized within its cluster. */
    WITHIN_CLUSTER_Z,
    /** natural logarithm. */
    LOG;

    public boolean needsCluster() {
        return this == WITHIN_CLUSTER || this == CLUSTER_MEAN || this == WITHIN_CLUSTER_Z;
    }
}
