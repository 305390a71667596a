package org.multilevel.formula.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.multilevel.api.model.FormulaException;

/**
 * Hand-written recursive-descent parser for R's formula syntax with R's operator precedence
 * (lowest first): {@code ~}, {@code | ||}, {@code + -}, {@code * /}, {@code %op%}, {@code :}, unary
 * {@code - +}, {@code ^}. The same grammar serves the arithmetic inside {@code I()}.
 */
public final class Parser {
    /** A parsed formula: {@code lhs ~ rhs}. */
    public record Formula(Node lhs, Node rhs) {
    }

    private enum Kind { NUMBER, NAME, QUOTED_NAME, OP, EOF }

    private record Token(Kind kind, String text, int pos) {
    }

    private final String source;
    private final List<Token> tokens;
    private int index;

    private Parser(String source) {
        this.source = source;
        this.tokens = tokenize(source);
    }

    /** Parses {@code response ~ terms}. */
    public static Formula parseFormula(String text) {
        if (text == null || text.isBlank()) {
            throw new FormulaException("the formula is empty", 0);
        }
        Parser p = new Parser(text);
        Node whole = p.parseTilde();
        p.expect(Kind.EOF, null);
        if (!(whole instanceof Node.Binary b) || !b.op().equals("~")) {
            throw new FormulaException("the formula needs a response and '~', as in 'y ~ x + (1 | g)': " + text, 0);
        }
        if (b.left() == null) {
            throw new FormulaException("the formula has no response left of '~': " + text, b.pos());
        }
        return new Formula(b.left(), b.right());
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
        Node left = parseSum();
        while (isOp(peek(), "|") || isOp(peek(), "||")) {
            Token op = next();
            left = new Node.Binary(op.text(), left, parseSum(), op.pos());
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
            return new Node.Unary(t.text(), parseUnary(), t.pos());
        }
        return parsePower();
    }

    private Node parsePower() {
        Node base = parsePrimary();
        if (isOp(peek(), "^")) {
            Token op = next();
            // right-associative, and the exponent may carry a sign: a^-1, a^b^c = a^(b^c)
            return new Node.Binary("^", base, parseUnary(), op.pos());
        }
        return base;
    }

    private Node parsePrimary() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER:
                return new Node.Num(parseNumber(t), t.text(), t.pos());
            case QUOTED_NAME:
                return new Node.Name(t.text(), true, t.pos());
            case NAME:
                if (isOp(peek(), "(")) {
                    index++;
                    List<Node> args = new ArrayList<>();
                    if (!isOp(peek(), ")")) {
                        args.add(parseArgument());
                        while (isOp(peek(), ",")) {
                            index++;
                            args.add(parseArgument());
                        }
                    }
                    expect(Kind.OP, ")");
                    return new Node.Call(t.text(), args, t.pos());
                }
                return new Node.Name(t.text(), false, t.pos());
            case OP:
                if (t.text().equals("(")) {
                    Node inner = parseBar();
                    expect(Kind.OP, ")");
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
            } else if (c == '|' && i + 1 < n && s.charAt(i + 1) == '|') {
                out.add(new Token(Kind.OP, "||", i));
                i += 2;
            } else if ("~+-*/^:|(),=".indexOf(c) >= 0) {
                out.add(new Token(Kind.OP, String.valueOf(c), i));
                i++;
            } else if (c == '"' || c == '\'') {
                throw new FormulaException("text in quotes at position " + (i + 1)
                        + " is not allowed in a formula (write column names plainly or in backquotes): " + s, i);
            } else {
                throw new FormulaException(String.format(Locale.ROOT, "unexpected '%c' at position %d: %s", c, i + 1, s), i);
            }
        }
        out.add(new Token(Kind.EOF, "", n));
        return out;
    }
}
