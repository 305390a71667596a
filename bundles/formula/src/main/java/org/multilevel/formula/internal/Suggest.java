package org.multilevel.formula.internal;

import java.util.List;
import org.multilevel.api.ClosestName;

/** The closest column name to a misspelt one, by case-insensitive edit distance. */
public final class Suggest {
    private Suggest() {
    }

    /** @return the closest name, or null when none is reasonably close */
    public static String closest(String wanted, List<String> names) {
        // a suggestion sharing less than about half the letters would only confuse
        return ClosestName.among(wanted, names, Math.max(2, (wanted.length() + 1) / 2)).orElse(null);
    }
}
