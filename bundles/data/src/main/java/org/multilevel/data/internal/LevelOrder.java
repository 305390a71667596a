package org.multilevel.data.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order of factor levels, close to R's {@code sort()} of the levels after {@code read.csv}.
 *
 * <p>When every level reads as a number, levels sort by value. Otherwise R sorts by the locale's collation
 * (en_US here); we use a simple, locale-independent rule close to it: compare ignoring case (so "apple" <
 * "Banana" < "cherry"), and among texts equal but for case put lower case first ("a" < "A", as en_US does).
 * Punctuation is compared as characters, which is where glibc's collation may differ.
 */
final class LevelOrder {
    static final Comparator<String> TEXT = (a, b) -> {
        int c = String.CASE_INSENSITIVE_ORDER.compare(a, b);
        return c != 0 ? c : b.compareTo(a);
    };

    private LevelOrder() {
    }

    /** The levels sorted: numerically when all of them are numbers, else by {@link #TEXT}. */
    static List<String> sort(List<String> levels, char decimalMark) {
        List<String> sorted = new ArrayList<>(levels);
        double[] values = new double[levels.size()];
        boolean allNumbers = true;
        for (int i = 0; i < levels.size(); i++) {
            char[] chars = levels.get(i).toCharArray();
            values[i] = NumberParser.parse(chars, 0, chars.length, decimalMark);
            if (Double.isNaN(values[i])) {
                allNumbers = false;
                break;
            }
        }
        if (allNumbers) {
            sorted.sort(Comparator.comparingDouble((String s) -> {
                char[] chars = s.toCharArray();
                return NumberParser.parse(chars, 0, chars.length, decimalMark);
            }).thenComparing(TEXT));
        } else {
            sorted.sort(TEXT);
        }
        return sorted;
    }
}
