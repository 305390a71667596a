package org.multilevel.derived.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.multilevel.api.MultilevelException;

/**
 * Reads a named linear combination of fixed effects: {@code "contextual=meanses - cses"},
 * {@code "2*sectorCatholic - 0.5 ses + (Intercept)"}, {@code "`a:b` - a"}. Terms are the fixed-effect names
 * (matched longest first, so names holding operators such as {@code I(ses^2)} or {@code cses:sector} work;
 * backticks quote a name). Each term may have a sign and a numeric coefficient, with or without {@code *}. A
 * term named twice adds up. Without a name, the expression is the name.
 */
public final class ContrastParser {
    /** A parsed contrast: its name, its text and one coefficient per fixed effect. */
    public record Contrast(String name, String expression, double[] weights) {
    }

    private ContrastParser() {
    }

    public static Contrast parse(String spec, List<String> terms) {
        String text = spec.trim();
        String name = null;
        int eq = text.indexOf('=');
        if (eq >= 0) {
            name = text.substring(0, eq).trim();
            text = text.substring(eq + 1).trim();
            if (name.isEmpty()) throw error(spec, "the name before '=' is empty");
        }
        if (text.isEmpty()) throw error(spec, "there is no expression");
        List<String> byLength = new ArrayList<>(terms);
        byLength.sort(Comparator.comparingInt(String::length).reversed());
        double[] weights = new double[terms.size()];
        int pos = 0;
        boolean first = true;
        while (true) {
            pos = skip(text, pos);
            if (pos >= text.length()) break;
            double sign = 1;
            boolean signed = false;
            while (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                if (text.charAt(pos) == '-') sign = -sign;
                signed = true;
                pos = skip(text, pos + 1);
            }
            if (!first && !signed) throw error(spec, "expected '+' or '-' at position " + (pos + 1));
            double coefficient = 1;
            int numberEnd = numberEnd(text, pos);
            if (numberEnd > pos) {
                coefficient = Double.parseDouble(text.substring(pos, numberEnd));
                pos = skip(text, numberEnd);
                if (pos < text.length() && text.charAt(pos) == '*') pos = skip(text, pos + 1);
            }
            String term = null;
            if (pos < text.length() && text.charAt(pos) == '`') {
                int close = text.indexOf('`', pos + 1);
                if (close < 0) throw error(spec, "a backtick at position " + (pos + 1) + " is not closed");
                term = text.substring(pos + 1, close);
                if (!terms.contains(term)) throw unknown(spec, term, terms);
                pos = close + 1;
            } else {
                for (String candidate : byLength) {
                    if (text.startsWith(candidate, pos) && boundary(text, pos + candidate.length())) {
                        term = candidate;
                        break;
                    }
                }
                if (term == null) {
                    int end = pos;
                    while (end < text.length() && text.charAt(end) != '+' && text.charAt(end) != '-'
                            && !Character.isWhitespace(text.charAt(end))) end++;
                    if (end == pos) throw error(spec, "expected a fixed-effect name at position " + (pos + 1));
                    throw unknown(spec, text.substring(pos, end), terms);
                }
                pos += term.length();
            }
            weights[terms.indexOf(term)] += sign * coefficient;
            first = false;
        }
        if (first) throw error(spec, "there is no term");
        boolean any = false;
        for (double w : weights) any |= w != 0;
        if (!any) throw error(spec, "all its coefficients cancel out");
        return new Contrast(name != null ? name : text, text, weights);
    }

    private static boolean boundary(String text, int end) {
        if (end >= text.length()) return true;
        char c = text.charAt(end);
        return Character.isWhitespace(c) || c == '+' || c == '-';
    }

    private static int skip(String text, int pos) {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
        return pos;
    }

    /** End of a plain number at pos (digits, point, exponent), or pos when there is none. */
    private static int numberEnd(String text, int pos) {
        int i = pos;
        boolean digits = false;
        while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
            digits |= Character.isDigit(text.charAt(i));
            i++;
        }
        if (!digits) return pos;
        if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < text.length() && (text.charAt(j) == '+' || text.charAt(j) == '-')) j++;
            int start = j;
            while (j < text.length() && Character.isDigit(text.charAt(j))) j++;
            if (j > start) i = j;
        }
        // a number directly followed by a name character is part of a name ("2way"): not a coefficient
        if (i < text.length() && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '_')) return pos;
        return i;
    }

    private static MultilevelException error(String spec, String problem) {
        return new MultilevelException("Cannot read the contrast '" + spec + "': " + problem + ".");
    }

    private static MultilevelException unknown(String spec, String name, List<String> terms) {
        return new MultilevelException("Cannot read the contrast '" + spec + "': '" + name
                + "' is not a fixed effect of the model (they are " + String.join(", ", terms) + ").");
    }
}
