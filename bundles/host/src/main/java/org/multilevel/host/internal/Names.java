package org.multilevel.host.internal;

import java.util.Collection;
import org.multilevel.api.ClosestName;

/** "; did you mean 'x'?" for a misspelt name, by edit distance. */
public final class Names {
    private Names() {
    }

    /** The suggestion sentence part, or "" when no candidate is close. */
    public static String suggest(String given, Collection<String> candidates) {
        return ClosestName.among(given, candidates, Math.max(1, given.length() / 3))
                .map(best -> "; did you mean '" + best + "'?").orElse("");
    }
}
