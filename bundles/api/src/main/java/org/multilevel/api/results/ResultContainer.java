package org.multilevel.api.results;

import java.util.List;

/** A titled group of elements (a section of the report: "Plots", "Derived quantities", ...). */
public record ResultContainer(String title, List<ResultElement> elements) implements ResultElement {
    public ResultContainer {
        elements = List.copyOf(elements);
    }
}
