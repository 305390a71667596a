/** Command line and Gogo commands: fit, compare, ols-by-cluster, bench. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.multilevel.cli;
