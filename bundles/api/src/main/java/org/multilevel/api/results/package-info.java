/**
 * The structured results of an analysis for hosts (JASP-style): a tree of containers, tables with typed
 * columns and footnotes, and plots. Hosts render it themselves or ask {@link org.multilevel.api.results.ResultsService}
 * for text, JSON or HTML. It is the presentation; the fit document of results-json.md stays the data.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.multilevel.api.results;
