package org.multilevel.api.model;

import java.util.List;
import java.util.Map;

/**
 * What the user asked for: the formula (see the formula language spec), family and link, the reference
 * level chosen per categorical variable, and the centering options.
 */
public record ModelSpec(String formula, Family family, Link link, Map<String, String> referenceLevels,
                        List<Centering> centering) {
    public ModelSpec {
        if (link == null) link = family.canonicalLink();
        referenceLevels = Map.copyOf(referenceLevels);
        centering = List.copyOf(centering);
    }

    public static ModelSpec gaussian(String formula) {
        return new ModelSpec(formula, Family.GAUSSIAN, Link.IDENTITY, Map.of(), List.of());
    }

    public static ModelSpec of(String formula, Family family) {
        return new ModelSpec(formula, family, family.canonicalLink(), Map.of(), List.of());
    }
}
