package org.multilevel.formula.internal;

import java.util.Set;

/** Turns a syntax tree back into text as R's {@code deparse} does; R's term and column names come from it. */
public final class Deparse {
    private static final Set<String> TIGHT = Set.of("/", "^", ":");

    private Deparse() {
    }

    public static String of(Node node) {
        StringBuilder sb = new StringBuilder();
        write(node, sb);
        return sb.toString();
    }

    /** R's precedence of the binary operators, higher binds tighter ({@code !} is 4, unary minus 10). */
    static int precedence(String op) {
        switch (op) {
            case "~": return 1;
            case "|": case "||": return 2;
            case "&": case "&&": return 3;
            case "<": case "<=": case ">": case ">=": case "==": case "!=": return 5;
            case "+": case "-": return 6;
            case "*": case "/": return 7;
            case ":": return 9;
            case "^": return 11;
            default: return 8; // %op%
        }
    }

    private static final int NOT = 4;
    private static final int UNARY_SIGN = 10;

    private static void write(Node node, StringBuilder sb) {
        if (node instanceof Node.Num n) {
            sb.append(RNumbers.format(n.value()));
        } else if (node instanceof Node.Str s) {
            sb.append('"').append(s.value().replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\n", "\\n").replace("\t", "\\t")).append('"');
        } else if (node instanceof Node.Name n) {
            sb.append(isSyntactic(n.name()) ? n.name() : "`" + n.name() + "`");
        } else if (node instanceof Node.Call c) {
            sb.append(c.fn()).append('(');
            for (int i = 0; i < c.args().size(); i++) {
                if (i > 0) sb.append(", ");
                write(c.args().get(i), sb);
            }
            sb.append(')');
        } else if (node instanceof Node.Paren p) {
            sb.append('(');
            write(p.inner(), sb);
            sb.append(')');
        } else if (node instanceof Node.Unary u) {
            sb.append(u.op());
            int own = u.op().equals("!") ? NOT : UNARY_SIGN;
            boolean wrap = u.operand() instanceof Node.Binary b && precedence(b.op()) < own;
            writeWrapped(u.operand(), wrap, sb);
        } else if (node instanceof Node.Binary b) {
            int p = precedence(b.op());
            boolean rightAssoc = b.op().equals("^");
            if (b.left() != null) {
                boolean wrapLeft = b.left() instanceof Node.Binary l
                        && (precedence(l.op()) < p || (precedence(l.op()) == p && rightAssoc));
                writeWrapped(b.left(), wrapLeft, sb);
            }
            sb.append(TIGHT.contains(b.op()) ? b.op() : (b.left() == null ? b.op() + " " : " " + b.op() + " "));
            boolean wrapRight = b.right() instanceof Node.Binary r
                    && (precedence(r.op()) < p || (precedence(r.op()) == p && !rightAssoc));
            writeWrapped(b.right(), wrapRight, sb);
        }
    }

    private static void writeWrapped(Node node, boolean wrap, StringBuilder sb) {
        if (wrap) sb.append('(');
        write(node, sb);
        if (wrap) sb.append(')');
    }

    /** R's rule for names that need no backquotes. */
    static boolean isSyntactic(String name) {
        if (name.isEmpty()) return false;
        char c = name.charAt(0);
        if (!(Character.isLetter(c) || c == '.')) return false;
        if (c == '.' && name.length() > 1 && Character.isDigit(name.charAt(1))) return false;
        for (int i = 1; i < name.length(); i++) {
            char d = name.charAt(i);
            if (!(Character.isLetterOrDigit(d) || d == '.' || d == '_')) return false;
        }
        return !Set.of("if", "else", "repeat", "while", "function", "for", "next", "break", "TRUE", "FALSE",
                "NULL", "Inf", "NaN", "NA", "in").contains(name);
    }
}
