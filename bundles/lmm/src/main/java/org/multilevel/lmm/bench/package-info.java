/** Deterministic synthetic two-level data for benchmarks of the linear mixed model estimators. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.multilevel.lmm.bench;
