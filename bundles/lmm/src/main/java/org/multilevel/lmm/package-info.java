/**
 * Linear mixed model estimators (REML, ML) as Estimator services: lmm-nested (blocked per cluster, nested
 * designs) and lmm-general (any structure, crossed factors included).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.multilevel.lmm;
