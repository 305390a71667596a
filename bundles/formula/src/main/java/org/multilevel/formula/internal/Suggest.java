package org.multilevel.formula.internal;

import java.util.List;
import java.util.Locale;

/** The closest column name to a misspelt one, by case-insensitive edit distance. */
public final class Suggest {
    private Suggest() {
    }

    /** @return the closest name, or null when none is reasonably close */
    public static String closest(String wanted, List<String> names) {
        String w = wanted.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : names) {
            int d = distance(w, name.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = name;
            }
        }
        if (best == null) return null;
        // a suggestion sharing less than about half the letters would only confuse
        return bestDistance <= Math.max(2, (wanted.length() + 1) / 2) ? best : null;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
