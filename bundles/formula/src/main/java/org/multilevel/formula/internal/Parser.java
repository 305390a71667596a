package org.multilevel.formula.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.multilevel.api.model.FormulaException;

/**
 * Hand-written recursive-descent parser for R's formula syntax with R's operator precedence
 * (lowest first): {@code ~}, {@code | ||}, {@code & &&}, {@code !}, the comparisons {@code < <= > >= == !=}
 * (which do not chain, as in R), {@code + -}, {@code * /}, {@code %op%}, {@code :}, unary {@code - +},
 * {@code ^}. The same grammar serves the expressions inside {@code I()}, where quoted text may appear.
 *
 * <p>Limits, far beyond any real model, so that hostile input ends in a clear error instead of exhausting
 * the stack: at most {@link #MAX_LENGTH} characters and {@link #MAX_DEPTH} levels of nesting (parentheses,
 * function calls, signs and powers inside one another).
 */
public final class Parser {
    /** The longest formula accepted, in characters (64 KB). */
    public static final int MAX_LENGTH = 65_536;
    /** The deepest nesting accepted: parentheses, function calls, signs and powers inside one another. */
    public static final int MAX_DEPTH = 200;

    private static final java.util.Set<String> COMPARISONS = java.util.Set.of("<", "<=", ">", ">=", "==", "!=");

    /** A parsed formula: {@code lhs ~ rhs}. */
    public record Formula(Node lhs, Node rhs) {
    }

    private enum Kind { NUMBER, NAME, QUOTED_NAME, STRING, OP, EOF }

    private record Token(Kind kind, String text, int pos) {
    }

    private final String source;
    private final List<Token> tokens;
    private int index;
    private int depth;

    private Parser(String source) {
        this.source = source;
        this.tokens = tokenize(source);
    }

    /** Parses {@code response ~ terms}. */
    public static Formula parseFormula(String text) {
        if (text == null || text.isBlank()) {
            throw new FormulaException("the formula is empty", 0);
        }
        if (text.length() > MAX_LENGTH) {
            throw new FormulaException("formula too long: " + text.length() + " characters, the limit is " + MAX_LENGTH, 0);
        }
        Parser p = new Parser(text);
        Node whole = p.parseTilde();
        p.expect(Kind.EOF, null);
        checkHeight(whole);
        if (!(whole instanceof Node.Binary b) || !b.op().equals("~")) {
            throw new FormulaException("the formula needs a response and '~', as in 'y ~ x + (1 | g)': " + text, 0);
        }
        if (b.left() == null) {
            throw new FormulaException("the formula has no response left of '~': " + text, b.pos());
        }
        return new Formula(b.left(), b.right());
    }

    /**
     * Outside the sum of terms (whose long chain on its left is walked in loops), no part of the tree may be
     * more than {@link #MAX_DEPTH} levels high: {@code I(x + x + ... )} with hundreds of operators inside one
     * another is refused like deep parentheses, so that every recursive walk of a term is bounded.
     */
    private static void checkHeight(Node whole) {
        Node node = whole;
        if (node instanceof Node.Binary tilde && tilde.op().equals("~")) {
            if (tilde.left() != null) requireHeight(tilde.left());
            node = tilde.right();
        }
        while (node instanceof Node.Binary b && (b.op().equals("+") || b.op().equals("-"))) {
            requireHeight(b.right());
            node = b.left();
        }
        requireHeight(node);
    }

    private static void requireHeight(Node root) {
        record Level(Node node, int height) {
        }
        java.util.ArrayDeque<Level> todo = new java.util.ArrayDeque<>();
        todo.push(new Level(root, 1));
        while (!todo.isEmpty()) {
            Level l = todo.pop();
            if (l.height() > MAX_DEPTH) {
                throw new FormulaException("formula too deep: the part at position " + (l.node().pos() + 1) + " lies more than "
                        + MAX_DEPTH + " operators, parentheses or function calls deep", l.node().pos());
            }
            for (Node child : children(l.node())) todo.push(new Level(child, l.height() + 1));
        }
    }

    private static List<Node> children(Node node) {
        if (node instanceof Node.Binary b) return b.left() == null ? List.of(b.right()) : List.of(b.left(), b.right());
        if (node instanceof Node.Unary u) return List.of(u.operand());
        if (node instanceof Node.Paren p) return List.of(p.inner());
        if (node instanceof Node.Call c) return c.args();
        return List.of();
    }

    private Node parseTilde() {
        Token t = peek();
        if (isOp(t, "~")) {
            index++;
            return new Node.Binary("~", null, parseBar(), t.pos());
        }
        Node left = parseBar();
        Token op = peek();
        if (isOp(op, "~")) {
            index++;
            Node right = parseBar();
            if (isOp(peek(), "~")) throw unexpected(peek());
            return new Node.Binary("~", left, right, op.pos());
        }
        return left;
    }

    private Node parseBar() {
        Node left = parseAnd();
        while (isOp(peek(), "|") || isOp(peek(), "||")) {
            Token op = next();
            left = new Node.Binary(op.text(), left, parseAnd(), op.pos());
        }
        return left;
    }

    private Node parseAnd() {
        Node left = parseNot();
        while (isOp(peek(), "&") || isOp(peek(), "&&")) {
            Token op = next();
            left = new Node.Binary(op.text(), left, parseNot(), op.pos());
        }
        return left;
    }

    /** R's {@code !} binds less tightly than comparison and arithmetic: {@code !x > 2} is {@code !(x > 2)}. */
    private Node parseNot() {
        Token t = peek();
        if (isOp(t, "!")) {
            index++;
            enter(t);
            Node operand = parseNot();
            depth--;
            return new Node.Unary("!", operand, t.pos());
        }
        return parseComparison();
    }

    private Node parseComparison() {
        Node left = parseSum();
        if (peek().kind() == Kind.OP && COMPARISONS.contains(peek().text())) {
            Token op = next();
            left = new Node.Binary(op.text(), left, parseSum(), op.pos());
            Token again = peek();
            if (again.kind() == Kind.OP && COMPARISONS.contains(again.text())) {
                throw new FormulaException("comparisons do not chain in R: write '(a " + op.text() + " b) & (b "
                        + again.text() + " c)' instead of a second '" + again.text() + "' at position "
                        + (again.pos() + 1) + ": " + source, again.pos());
            }
        }
        return left;
    }

    private Node parseSum() {
        Node left = parseProduct();
        while (isOp(peek(), "+") || isOp(peek(), "-")) {
            Token op = next();
            left = new Node.Binary(op.text(), left, parseProduct(), op.pos());
        }
        return left;
    }

    private Node parseProduct() {
        Node left = parseSpecial();
        while (isOp(peek(), "*") || isOp(peek(), "/")) {
            Token op = next();
            left = new Node.Binary(op.text(), left, parseSpecial(), op.pos());
        }
        return left;
    }

    private Node parseSpecial() {
        Node left = parseColon();
        while (peek().kind() == Kind.OP && peek().text().startsWith("%")) {
            Token op = next();
            left = new Node.Binary(op.text(), left, parseColon(), op.pos());
        }
        return left;
    }

    private Node parseColon() {
        Node left = parseUnary();
        while (isOp(peek(), ":")) {
            Token op = next();
            left = new Node.Binary(":", left, parseUnary(), op.pos());
        }
        return left;
    }

    private Node parseUnary() {
        Token t = peek();
        if (isOp(t, "-") || isOp(t, "+")) {
            index++;
            enter(t);
            Node operand = parseUnary();
            depth--;
            return new Node.Unary(t.text(), operand, t.pos());
        }
        if (isOp(t, "!")) {
            // '!' after an arithmetic operator, as in 1 + !x: it still takes the comparison below it (R's grammar)
            return parseNot();
        }
        return parsePower();
    }

    private Node parsePower() {
        Node base = parsePrimary();
        if (isOp(peek(), "^")) {
            Token op = next();
            // right-associative, and the exponent may carry a sign: a^-1, a^b^c = a^(b^c)
            enter(op);
            Node exponent = parseUnary();
            depth--;
            return new Node.Binary("^", base, exponent, op.pos());
        }
        return base;
    }

    /** One level deeper into the syntax tree; beyond {@link #MAX_DEPTH} the formula is refused. */
    private void enter(Token t) {
        if (++depth > MAX_DEPTH) {
            throw new FormulaException("formula too deep: more than " + MAX_DEPTH
                    + " levels of parentheses, function calls, signs or powers inside one another (at position "
                    + (t.pos() + 1) + ")", t.pos());
        }
    }

    private Node parsePrimary() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER:
                return new Node.Num(parseNumber(t), t.text(), t.pos());
            case QUOTED_NAME:
                return new Node.Name(t.text(), true, t.pos());
            case STRING:
                return new Node.Str(t.text(), t.pos());
            case NAME:
                if (isOp(peek(), "(")) {
                    index++;
                    enter(t);
                    List<Node> args = new ArrayList<>();
                    if (!isOp(peek(), ")")) {
                        args.add(parseArgument());
                        while (isOp(peek(), ",")) {
                            index++;
                            args.add(parseArgument());
                        }
                    }
                    expect(Kind.OP, ")");
                    depth--;
                    return new Node.Call(t.text(), args, t.pos());
                }
                return new Node.Name(t.text(), false, t.pos());
            case OP:
                if (t.text().equals("(")) {
                    enter(t);
                    Node inner = parseBar();
                    expect(Kind.OP, ")");
                    depth--;
                    return new Node.Paren(inner, t.pos());
                }
                throw unexpected(t);
            default:
                throw unexpected(t);
        }
    }

    private Node parseArgument() {
        Token t = peek();
        if (t.kind() == Kind.NAME && index + 1 < tokens.size() && isOp(tokens.get(index + 1), "=")) {
            throw new FormulaException("named arguments such as '" + t.text() + " =' are not supported, at position "
                    + (t.pos() + 1) + ": " + source, t.pos());
        }
        return parseBar();
    }

    private double parseNumber(Token t) {
        String s = t.text();
        if (s.endsWith("L")) s = s.substring(0, s.length() - 1);
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new FormulaException("malformed number '" + t.text() + "' at position " + (t.pos() + 1) + ": " + source, t.pos());
        }
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token next() {
        Token t = tokens.get(index);
        if (t.kind() != Kind.EOF) index++;
        return t;
    }

    private static boolean isOp(Token t, String op) {
        return t.kind() == Kind.OP && t.text().equals(op);
    }

    private void expect(Kind kind, String text) {
        Token t = peek();
        if (t.kind() != kind || (text != null && !t.text().equals(text))) {
            if (text != null && t.kind() == Kind.EOF) {
                throw new FormulaException("missing '" + text + "' at the end of the formula: " + source, t.pos());
            }
            throw unexpected(t);
        }
        index++;
    }

    private FormulaException unexpected(Token t) {
        if (t.kind() == Kind.EOF) {
            return new FormulaException("the formula ends unexpectedly at position " + (t.pos() + 1) + ": " + source, t.pos());
        }
        return new FormulaException("unexpected '" + t.text() + "' at position " + (t.pos() + 1) + ": " + source, t.pos());
    }

    private static final java.util.Set<String> TWO_CHARACTER_OPS = java.util.Set.of("||", "&&", "<=", ">=", "==", "!=");

    /** A string literal in R's quotes with R's common escapes; returns the index after the closing quote. */
    private static int quoted(String s, int start, List<Token> out) {
        char quote = s.charAt(start);
        StringBuilder text = new StringBuilder();
        int i = start + 1;
        while (i < s.length() && s.charAt(i) != quote) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 >= s.length()) break;
                char e = s.charAt(i + 1);
                switch (e) {
                    case '\\': case '"': case '\'': text.append(e); break;
                    case 'n': text.append('\n'); break;
                    case 't': text.append('\t'); break;
                    default:
                        throw new FormulaException("unsupported escape '\\" + e + "' in quoted text at position " + (i + 1) + ": " + s, i);
                }
                i += 2;
            } else {
                text.append(c);
                i++;
            }
        }
        if (i >= s.length()) {
            throw new FormulaException("unclosed quote " + quote + " at position " + (start + 1) + ": " + s, start);
        }
        out.add(new Token(Kind.STRING, text.toString(), start));
        return i + 1;
    }

    private List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
                int start = i;
                while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
                if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                    int j = i + 1;
                    if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) j++;
                    if (j < n && Character.isDigit(s.charAt(j))) {
                        i = j;
                        while (i < n && Character.isDigit(s.charAt(i))) i++;
                    }
                }
                if (i < n && s.charAt(i) == 'L') i++;
                out.add(new Token(Kind.NUMBER, s.substring(start, i), start));
            } else if (Character.isLetter(c) || c == '.' || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_')) i++;
                String name = s.substring(start, i);
                if (c == '_') {
                    throw new FormulaException("a name cannot start with '_' at position " + (start + 1)
                            + " (write it in backquotes: `" + name + "`): " + s, start);
                }
                out.add(new Token(Kind.NAME, name, start));
            } else if (c == '`') {
                int end = s.indexOf('`', i + 1);
                if (end < 0) {
                    throw new FormulaException("unclosed backquote at position " + (i + 1) + ": " + s, i);
                }
                if (end == i + 1) {
                    throw new FormulaException("empty backquoted name at position " + (i + 1) + ": " + s, i);
                }
                out.add(new Token(Kind.QUOTED_NAME, s.substring(i + 1, end), i));
                i = end + 1;
            } else if (c == '%') {
                int end = s.indexOf('%', i + 1);
                if (end < 0) {
                    throw new FormulaException("unclosed operator '%' at position " + (i + 1) + ": " + s, i);
                }
                out.add(new Token(Kind.OP, s.substring(i, end + 1), i));
                i = end + 1;
            } else if (c == '<' && i + 1 < n && s.charAt(i + 1) == '-') {
                throw new FormulaException("'<-' at position " + (i + 1) + " is assignment in R, not allowed in a formula"
                        + " (for a comparison with a negative number write '< -' with a space): " + s, i);
            } else if (i + 1 < n && TWO_CHARACTER_OPS.contains(s.substring(i, i + 2))) {
                out.add(new Token(Kind.OP, s.substring(i, i + 2), i));
                i += 2;
            } else if ("~+-*/^:|(),=<>!&".indexOf(c) >= 0) {
                out.add(new Token(Kind.OP, String.valueOf(c), i));
                i++;
            } else if (c == '"' || c == '\'') {
                i = quoted(s, i, out);
            } else {
                throw new FormulaException(String.format(Locale.ROOT, "unexpected '%c' at position %d: %s", c, i + 1, s), i);
            }
        }
        out.add(new Token(Kind.EOF, "", n));
        return out;
    }
}
