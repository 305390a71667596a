/** Deterministic benchmark data for the GLMM estimator (used by the command line's bench command). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.multilevel.glmm.bench;
