/** Inference for fixed effects and variance components: Kenward-Roger, between-within df, anova tables. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.multilevel.inference;
