package org.multilevel.formula.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.multilevel.api.model.FormulaException;

/**
 * Expands the right-hand side of a formula into terms with R's rules ({@code terms.formula}): {@code +}
 * joins, {@code -} removes, {@code :} interacts, {@code *} crosses, {@code /} nests, {@code ^} powers a sum,
 * {@code 1}/{@code 0}/{@code -1} set the intercept, duplicates are dropped and terms are ordered by degree.
 * Random-effects terms {@code (e | g)} are collected where lme4 finds them: in the top-level sum.
 */
public final class TermExpander {
    private final String source;
    private final List<Node> variables = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final List<Node> offsets = new ArrayList<>();
    private final List<Node.Binary> bars = new ArrayList<>();
    private boolean intercept = true;
    private boolean parity = true;

    private TermExpander(String source) {
        this.source = source;
    }

    /**
     * @param rhs        the expression right of '~' (or the left side of a bar)
     * @param allowBars  whether random-effects terms may appear (the model's right-hand side)
     * @param source     the whole formula, for messages
     */
    public static Terms expand(Node rhs, boolean allowBars, String source) {
        TermExpander e = new TermExpander(source);
        List<BitSet> raw = e.encode(rhs, allowBars);
        // R orders terms by degree, keeping the order of appearance within a degree
        List<BitSet> sorted = new ArrayList<>();
        int maxDegree = 0;
        for (BitSet b : raw) maxDegree = Math.max(maxDegree, b.cardinality());
        for (int d = 1; d <= maxDegree; d++) {
            for (BitSet b : raw) {
                if (b.cardinality() == d) sorted.add(b);
            }
        }
        return new Terms(e.intercept, e.variables, e.labels, sorted, e.offsets, e.bars);
    }

    private List<BitSet> encode(Node node, boolean topSum) {
        if (node instanceof Node.Num n) {
            if (n.value() == 1) {
                intercept = parity;
            } else if (n.value() == 0) {
                intercept = !parity;
            } else {
                throw error("a number other than 0 or 1 ('" + n.text() + "') cannot be a model term; use I(...) for arithmetic", n.pos());
            }
            return new ArrayList<>();
        }
        if (node instanceof Node.Str s) {
            throw error("quoted text (\"" + s.value() + "\") cannot be a model term; compare it with a categorical column inside I(), as in I(sex == \"F\")", s.pos());
        }
        if (isLogical(node)) {
            // as in R, a comparison or logical expression written without I() is one variable of the model
            BitSet b = new BitSet();
            b.set(variable(node));
            List<BitSet> out = new ArrayList<>();
            out.add(b);
            return out;
        }
        if (node instanceof Node.Name || node instanceof Node.Call) {
            if (node instanceof Node.Call c && c.fn().equals("offset")) {
                if (c.args().size() != 1) throw error("offset() takes one argument", c.pos());
                if (!parity) throw error("an offset cannot be removed with '-'", c.pos());
                offsets.add(c.args().get(0));
                return new ArrayList<>();
            }
            BitSet b = new BitSet();
            b.set(variable(node));
            List<BitSet> out = new ArrayList<>();
            out.add(b);
            return out;
        }
        if (node instanceof Node.Paren p) {
            if (p.inner() instanceof Node.Binary bar && (bar.op().equals("|") || bar.op().equals("||"))) {
                if (!topSum) {
                    throw error("the random-effects term " + Deparse.of(p) + " must be added to the model with '+'", p.pos());
                }
                bars.add(bar);
                return new ArrayList<>();
            }
            // extra parentheses around a random-effects term keep it where it is
            boolean wrapsBar = p.inner() instanceof Node.Paren;
            return encode(p.inner(), wrapsBar && topSum);
        }
        if (node instanceof Node.Unary u) {
            if (u.op().equals("+")) return encode(u.operand(), false);
            return delete(new ArrayList<>(), u.operand());
        }
        if (node instanceof Node.Binary b) {
            switch (b.op()) {
                case "+":
                case "-":
                    return sum(b, topSum);
                case ":":
                    return interact(encode(b.left(), false), encode(b.right(), false));
                case "*": {
                    List<BitSet> left = encode(b.left(), false);
                    List<BitSet> right = encode(b.right(), false);
                    List<BitSet> out = new ArrayList<>(left);
                    out.addAll(right);
                    out.addAll(interact(left, right));
                    return trim(out);
                }
                case "/": {
                    List<BitSet> left = encode(b.left(), false);
                    List<BitSet> right = encode(b.right(), false);
                    BitSet all = new BitSet();
                    for (BitSet l : left) all.or(l);
                    List<BitSet> out = new ArrayList<>(left);
                    for (BitSet r : right) {
                        BitSet t = (BitSet) all.clone();
                        t.or(r);
                        out.add(t);
                    }
                    return trim(out);
                }
                case "^":
                    return power(b);
                case "|":
                case "||":
                    throw error("the random-effects term " + Deparse.of(b) + " must be written in parentheses, as in (1 | g)", b.pos());
                case "~":
                    throw error("a second '~' is not allowed", b.pos());
                default:
                    throw error("the operator " + b.op() + " is not supported in a model formula", b.pos());
            }
        }
        throw error("cannot read this part of the formula", node.pos());
    }

    /** A comparison, {@code &}, {@code &&} or {@code !}: R's terms() keeps it whole as one variable. */
    private static boolean isLogical(Node node) {
        if (node instanceof Node.Unary u) return u.op().equals("!");
        if (node instanceof Node.Binary b) {
            switch (b.op()) {
                case "<": case "<=": case ">": case ">=": case "==": case "!=": case "&": case "&&":
                    return true;
                default:
                    return false;
            }
        }
        return false;
    }

    /**
     * A chain {@code a + b - c + ...}: a long formula is a deep tree on its left, so the chain is walked in a loop,
     * from its first operand on, adding or removing each operand's terms.
     */
    private List<BitSet> sum(Node.Binary top, boolean topSum) {
        java.util.ArrayDeque<Node.Binary> chain = new java.util.ArrayDeque<>();
        Node node = top;
        while (node instanceof Node.Binary b && (b.op().equals("+") || b.op().equals("-"))) {
            chain.push(b);
            node = b.left();
        }
        List<BitSet> terms = encode(node, topSum);
        while (!chain.isEmpty()) {
            Node.Binary b = chain.pop();
            if (b.op().equals("+")) {
                terms.addAll(encode(b.right(), topSum));
                terms = trim(terms);
            } else {
                terms = delete(terms, b.right());
            }
        }
        return terms;
    }

    private List<BitSet> delete(List<BitSet> left, Node rightNode) {
        parity = !parity;
        List<BitSet> right = encode(rightNode, false);
        parity = !parity;
        List<BitSet> out = new ArrayList<>();
        for (BitSet l : left) {
            if (!right.contains(l)) out.add(l);
        }
        return out;
    }

    private List<BitSet> power(Node.Binary b) {
        Node exponent = b.right();
        while (exponent instanceof Node.Paren p) exponent = p.inner();
        if (!(exponent instanceof Node.Num n) || n.value() < 1 || n.value() != Math.rint(n.value())) {
            throw error("the power in " + Deparse.of(b) + " must be a whole number of at least 1 (for arithmetic use I(...))", b.pos());
        }
        List<BitSet> left = encode(b.left(), false);
        List<BitSet> result = left;
        for (int i = 1; i < (int) n.value(); i++) {
            result = interactAll(left, result);
        }
        return trim(result);
    }

    private static List<BitSet> interactAll(List<BitSet> left, List<BitSet> right) {
        List<BitSet> out = new ArrayList<>();
        for (BitSet l : left) {
            for (BitSet r : right) {
                BitSet t = (BitSet) l.clone();
                t.or(r);
                out.add(t);
            }
        }
        return trim(out);
    }

    private static List<BitSet> interact(List<BitSet> left, List<BitSet> right) {
        return interactAll(left, right);
    }

    private static List<BitSet> trim(List<BitSet> terms) {
        List<BitSet> out = new ArrayList<>();
        for (BitSet t : terms) {
            if (!t.isEmpty() && !out.contains(t)) out.add(t);
        }
        return out;
    }

    private int variable(Node node) {
        String label = Deparse.of(node);
        Integer i = index.get(label);
        if (i != null) return i;
        variables.add(node);
        labels.add(label);
        index.put(label, variables.size() - 1);
        return variables.size() - 1;
    }

    private FormulaException error(String what, int pos) {
        return new FormulaException(what + " (at position " + (pos + 1) + "): " + source, pos);
    }
}
