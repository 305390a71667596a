/**
 * Ordinary least squares for the multilevel workflow: {@link org.multilevel.derived.OlsFit} (one regression)
 * and {@link org.multilevel.derived.ClusterOls} (one regression per cluster, the exploratory first step),
 * called by the analysis service. The result contributors (ICC, design effect, R², reliability, contrasts,
 * naive OLS) are DS services in the internal package.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.multilevel.derived;
