package org.multilevel.api.results;

/** One node of a result tree: a container, a table or a plot. */
public sealed interface ResultElement permits ResultContainer, ResultTable, ResultPlot {
    String title();
}
