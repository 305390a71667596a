/**
 * The distribution's launcher hook: runs the {@link org.multilevel.cli.CommandLine} service with the bnd
 * launcher's command-line arguments on the main thread; its result is the process exit code. Not exported.
 */
package org.multilevel.cli.launch;
