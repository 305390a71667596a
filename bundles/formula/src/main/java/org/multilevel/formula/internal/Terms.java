package org.multilevel.formula.internal;

import java.util.BitSet;
import java.util.List;

/**
 * The expanded right-hand side of a formula, as R's {@code terms()}: the variables in order of first
 * appearance, the terms as sets of variable indices ordered by degree (main effects first), and the labels.
 *
 * @param intercept  whether the model has an intercept
 * @param variables  the distinct variable expressions (labels are their deparsed text)
 * @param terms      each term's variables
 * @param offsets    {@code offset(...)} arguments
 * @param bars       random-effects terms {@code (lhs | g)} as written, in formula order
 */
public record Terms(boolean intercept, List<Node> variables, List<String> variableLabels, List<BitSet> terms,
                    List<Node> offsets, List<Node.Binary> bars) {
    public Terms {
        variables = List.copyOf(variables);
        variableLabels = List.copyOf(variableLabels);
        terms = terms.stream().map(b -> (BitSet) b.clone()).toList();
        offsets = List.copyOf(offsets);
        bars = List.copyOf(bars);
    }

    /** R's term label: the term's variables in order of appearance, joined by ':'. */
    public String label(int term) {
        StringBuilder sb = new StringBuilder();
        BitSet bits = terms.get(term);
        for (int v = bits.nextSetBit(0); v >= 0; v = bits.nextSetBit(v + 1)) {
            if (sb.length() > 0) sb.append(':');
            sb.append(variableLabels.get(v));
        }
        return sb.toString();
    }

    public List<String> labels() {
        String[] out = new String[terms.size()];
        for (int t = 0; t < out.length; t++) out[t] = label(t);
        return List.of(out);
    }

    /** A copy with other terms (same variables), no offsets and no bars: one part of a {@code ||} split. */
    public Terms withTerms(boolean withIntercept, List<BitSet> newTerms) {
        return new Terms(withIntercept, variables, variableLabels, newTerms, List.of(), List.of());
    }
}
