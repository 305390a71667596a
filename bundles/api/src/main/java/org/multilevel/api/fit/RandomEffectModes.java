package org.multilevel.api.fit;

import java.util.List;

/** Conditional modes of every level of one grouping factor; terms of all the factor's random terms. */
public record RandomEffectModes(List<String> terms, List<LevelModes> levels) {
    public RandomEffectModes {
        terms = List.copyOf(terms);
        levels = List.copyOf(levels);
    }
}
