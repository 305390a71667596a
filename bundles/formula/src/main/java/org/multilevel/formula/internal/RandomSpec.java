package org.multilevel.formula.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.multilevel.api.model.FormulaException;

/**
 * One random-effects term after lme4's expansions: {@code ||} split into one term per effect (the intercept,
 * then each term of the left side with {@code 0 +}), and {@code g1/g2/g3} expanded into
 * {@code g3:(g2:g1)}, {@code g2:g1}, {@code g1}.
 *
 * @param effects  the left side's terms (evaluated as R's {@code model.matrix(~ lhs)})
 * @param group    the grouping expression (a column, or an interaction built with ':')
 * @param text     the term as lme4 prints it, for messages: "(1 + x | g)"
 */
public record RandomSpec(Terms effects, Node group, String text) {

    /** Expands the bars of a formula in formula order. */
    public static List<RandomSpec> expand(List<Node.Binary> bars, String source) {
        List<RandomSpec> out = new ArrayList<>();
        for (Node.Binary bar : bars) {
            Terms lhs = TermExpander.expand(bar.left(), false, source);
            if (!lhs.offsets().isEmpty()) {
                throw new FormulaException("offset() cannot be used inside the random-effects term " + Deparse.of(bar)
                        + " (at position " + (bar.pos() + 1) + "): " + source, bar.pos());
            }
            List<Terms> parts = new ArrayList<>();
            if (bar.op().equals("||")) {
                if (lhs.intercept()) parts.add(lhs.withTerms(true, List.of()));
                for (BitSet t : lhs.terms()) parts.add(lhs.withTerms(false, List.of(t)));
            } else {
                parts.add(lhs);
            }
            for (Node group : groupings(bar.right(), source)) {
                String groupText = Deparse.of(group);
                for (Terms part : parts) {
                    out.add(new RandomSpec(part, group, "(" + effectsText(part) + " | " + groupText + ")"));
                }
            }
        }
        return out;
    }

    /** lme4's expandSlash: a/b/c gives c:(b:a), b:a, a (innermost first). */
    private static List<Node> groupings(Node group, String source) {
        Node g = group;
        while (g instanceof Node.Paren p && !(p.inner() instanceof Node.Binary b && b.op().equals(":"))) g = p.inner();
        List<Node> slashParts = new ArrayList<>();
        collectSlash(g, slashParts);
        if (slashParts.size() == 1) return List.of(g);
        List<Node> out = new ArrayList<>();
        Node outer = slashParts.get(0);
        out.add(outer);
        for (int i = 1; i < slashParts.size(); i++) {
            outer = new Node.Binary(":", slashParts.get(i), outer, slashParts.get(i).pos());
            out.add(0, outer);
        }
        return out;
    }

    private static void collectSlash(Node node, List<Node> parts) {
        if (node instanceof Node.Binary b && b.op().equals("/")) {
            collectSlash(b.left(), parts);
            parts.add(b.right());
        } else {
            parts.add(node);
        }
    }

    private static String effectsText(Terms t) {
        StringBuilder sb = new StringBuilder(t.intercept() ? "1" : "0");
        for (String label : t.labels()) sb.append(" + ").append(label);
        return sb.toString();
    }
}
