package org.multilevel.api.results;

import java.util.List;

/** The root of one analysis's output: a title and its elements in display order. */
public record Results(String title, List<ResultElement> elements) {
    public Results {
        elements = List.copyOf(elements);
    }
}
