/** Command line and Gogo commands: fit, compare, ols-by-cluster, bench. */
package org.multilevel.cli;
