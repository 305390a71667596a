package org.multilevel.formula.internal;

import java.util.List;

/** The syntax tree of a formula or of an arithmetic expression inside it; {@code pos} is the 0-based offset. */
public sealed interface Node {
    int pos();

    /** A numeric literal; {@code text} as written. */
    record Num(double value, String text, int pos) implements Node {
    }

    /** A column name; {@code quoted} when written in backquotes. */
    record Name(String name, boolean quoted, int pos) implements Node {
    }

    /** A string literal (in R's quotes), only meaningful compared with a categorical column. */
    record Str(String value, int pos) implements Node {
    }

    /** A function call {@code fn(args)}. */
    record Call(String fn, List<Node> args, int pos) implements Node {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** A binary operator: ~ + - * / ^ : | || & && < <= > >= == != or %op%. */
    record Binary(String op, Node left, Node right, int pos) implements Node {
    }

    /** Unary minus, plus or logical not ({@code !}). */
    record Unary(String op, Node operand, int pos) implements Node {
    }

    /** Parentheses as written (they matter for the formula's grouping and for R's term names). */
    record Paren(Node inner, int pos) implements Node {
    }
}
