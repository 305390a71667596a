/** Centering/transform service: grand-mean, within-cluster, cluster-mean, z-scores. */
package org.multilevel.transform;
