/** Result files a user saves beside the report: conditional modes per cluster, fitted values and residuals per row. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.multilevel.report.files;
