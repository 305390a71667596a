package org.multilevel.cli.internal;

import java.util.Collection;
import java.util.Optional;

import org.multilevel.api.ClosestName;

/** The closest known word to a mistyped one (edit distance), for "did you mean ...?". */
final class Suggestions {
    private Suggestions() {
    }

    static Optional<String> closest(String typed, Collection<String> known) {
        return ClosestName.among(typed, known, Math.max(2, typed.length() / 3));
    }

    static String didYouMean(String typed, Collection<String> known) {
        return closest(typed, known).map(s -> " (did you mean " + s + "?)").orElse("");
    }

    static int distance(String a, String b) {
        return ClosestName.editDistance(a, b);
    }
}
