/** Reporting service: text tables, results JSON, HTML. */
package org.multilevel.report;
