package org.multilevel.formula.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.multilevel.api.MultilevelException;
import org.multilevel.api.data.CategoricalColumn;
import org.multilevel.api.data.Column;
import org.multilevel.api.data.NumericColumn;
import org.multilevel.api.model.Centering;
import org.multilevel.api.model.FormulaException;
import org.multilevel.api.model.Transform;
import org.multilevel.api.model.TransformService;

/**
 * Evaluates expressions of the formula on the analysed rows with a closed grammar: numbers, columns,
 * {@code + - * / ^}, unary minus, parentheses, the elementwise functions, {@code factor()}, {@code I()},
 * {@code scale()} and the centering functions, and R's comparisons and logical operators (see
 * {@link #logical}). Nothing else is ever executed. {@code scale()} alone looks at the other rows of the
 * data (see {@link #scale}).
 *
 * <p>A logical expression has R's values: TRUE, FALSE or NA (a comparison with NaN), with R's rules for
 * {@code & | !} (NA &amp; FALSE is FALSE, NA | TRUE is TRUE). As a variable of the model it is a factor with
 * the levels FALSE and TRUE, FALSE first, both kept even when one is not observed, as R's model.matrix does
 * (so the column is {@code I(week > 2)TRUE}); in arithmetic it is 0/1; under {@code factor()} or as a grouping
 * factor only its observed levels remain.
 */
public final class Evaluator {
    /** The functions a formula may call. */
    public static final Set<String> FUNCTIONS = Set.of("factor", "as.factor", "I", "log", "exp", "sqrt", "abs", "log10",
            "log2", "log1p", "scale", "gmc", "cwc", "cm", "cwz", "offset");

    private final Map<String, Column> columns;
    private final int[] rows;
    private final TransformService transforms;
    private final Map<String, Centering> centering;
    private final String source;
    private final Map<String, Value> cache = new HashMap<>();
    private final Map<String, byte[]> logicalCache = new HashMap<>();

    private static final byte FALSE = 0;
    private static final byte TRUE = 1;
    private static final byte NA = 2;
    private static final List<String> LOGICAL_LEVELS = List.of("FALSE", "TRUE");
    private static final Set<String> COMPARISONS = Set.of("<", "<=", ">", ">=", "==", "!=");

    /**
     * @param columns    the resolved columns by name
     * @param rows       the analysed rows of the data set
     * @param transforms the centering service (may be null: then centering functions are refused)
     * @param centering  analysis-level centering options by variable name
     */
    public Evaluator(Map<String, Column> columns, int[] rows, TransformService transforms,
                     Map<String, Centering> centering, String source) {
        this.columns = columns;
        this.rows = rows;
        this.transforms = transforms;
        this.centering = centering;
        this.source = source;
    }

    public int rows() {
        return rows.length;
    }

    /**
     * A variable as R's model frame holds it: numeric, or a factor for text columns, factor() and logical
     * expressions (levels FALSE, TRUE). A logical that is NA in a row is an error naming the row: the model
     * frame drops those rows first (see {@link #missingLogical}).
     */
    public Value value(Node node) {
        String key = Deparse.of(node);
        Value cached = cache.get(key);
        if (cached != null) return cached;
        Value v = isLogical(node) ? logicalFactor(node) : compute(node);
        cache.put(key, v);
        return v;
    }

    /**
     * Whether an expression is logical in R: a comparison, {@code & | && || !}, or such an expression in
     * parentheses or in {@code I()}.
     */
    public static boolean isLogical(Node node) {
        if (node instanceof Node.Paren p) return isLogical(p.inner());
        if (node instanceof Node.Call c) return c.fn().equals("I") && c.args().size() == 1 && isLogical(c.args().get(0));
        if (node instanceof Node.Unary u) return u.op().equals("!");
        if (node instanceof Node.Binary b) {
            return COMPARISONS.contains(b.op()) || Set.of("&", "&&", "|", "||").contains(b.op());
        }
        return false;
    }

    /**
     * The rows (positions among the analysed rows) where a logical expression is NA, which R's na.omit drops
     * from the model frame; null when the expression is not logical or is never NA.
     */
    public boolean[] missingLogical(Node node) {
        if (!isLogical(node)) return null;
        byte[] v = logical(node);
        boolean[] out = null;
        for (int i = 0; i < v.length; i++) {
            if (v[i] == NA) {
                if (out == null) out = new boolean[v.length];
                out[i] = true;
            }
        }
        return out;
    }

    private Value.Factor logicalFactor(Node node) {
        byte[] v = logical(node);
        int[] codes = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] == NA) {
                throw new MultilevelException("'" + Deparse.of(node) + "' is NA in data row " + (rows[i] + 1)
                        + " (a comparison with a value that is not a number)");
            }
            codes[i] = v[i];
        }
        return new Value.Factor(codes, LOGICAL_LEVELS);
    }

    /** A numeric variable; a factor here is an error naming the expression. A logical is 0/1 (NaN for NA), as in R. */
    public double[] numeric(Node node) {
        if (isLogical(node)) {
            byte[] v = logical(node);
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) out[i] = v[i] == NA ? Double.NaN : v[i];
            return out;
        }
        Value v = value(node);
        if (v instanceof Value.Numeric n) return n.values();
        throw new MultilevelException("'" + Deparse.of(node) + "' is categorical, but a number is needed here"
                + context(node));
    }

    /** A grouping factor: any variable made categorical (numbers become levels). */
    public Value.Factor factor(Node node) {
        if (isLogical(node)) {
            // R's factor() of a logical keeps the observed levels only
            Value.Factor f = logicalFactor(node);
            return Factors.dropUnused(f.codes(), f.levels());
        }
        Value v = value(node);
        if (v instanceof Value.Factor f) return f;
        String key = "factor of " + Deparse.of(node);
        Value cached = cache.get(key);
        if (cached != null) return (Value.Factor) cached;
        Value.Factor f = Factors.fromNumbers(((Value.Numeric) v).values());
        cache.put(key, f);
        return f;
    }

    private Value compute(Node node) {
        if (node instanceof Node.Num n) {
            double[] out = new double[rows.length];
            java.util.Arrays.fill(out, n.value());
            return new Value.Numeric(out);
        }
        if (node instanceof Node.Name n) return column(n);
        if (node instanceof Node.Str s) {
            throw error("quoted text (\"" + s.value() + "\") can only be compared with a categorical column, as in I(sex == \"F\")", s.pos());
        }
        if (node instanceof Node.Paren p) return value(p.inner());
        if (node instanceof Node.Unary u) {
            double[] x = numeric(u.operand());
            if (u.op().equals("+")) return new Value.Numeric(x);
            double[] out = new double[x.length];
            for (int i = 0; i < x.length; i++) out[i] = -x[i];
            return new Value.Numeric(out);
        }
        if (node instanceof Node.Binary b) return binary(b);
        if (node instanceof Node.Call c) return call(c);
        throw error("cannot evaluate " + Deparse.of(node), node.pos());
    }

    private Value column(Node.Name n) {
        Column c = columns.get(n.name());
        if (c == null) throw new MultilevelException("unknown column '" + n.name() + "'");
        Centering option = centering.get(n.name());
        if (c instanceof NumericColumn num) {
            double[] x = new double[rows.length];
            double[] src = num.values();
            for (int i = 0; i < rows.length; i++) x[i] = src[rows[i]];
            if (option != null) x = transform(option.transform(), x, option.cluster(), n.name());
            return new Value.Numeric(x);
        }
        CategoricalColumn cat = (CategoricalColumn) c;
        if (option != null) {
            throw new MultilevelException("column '" + n.name() + "' is categorical and cannot be centered");
        }
        return Factors.fromCodes(cat.codes(), cat.levels(), rows);
    }

    private double[] transform(Transform t, double[] x, String clusterName, String what) {
        if (transforms == null) {
            throw new MultilevelException("no centering/transform service is available for " + what);
        }
        int[] cluster = null;
        if (t.needsCluster()) {
            if (clusterName == null) throw new MultilevelException("centering " + what + " needs a cluster variable");
            cluster = factor(new Node.Name(clusterName, false, 0)).codes();
        }
        double[] out = transforms.apply(t, x, cluster);
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                throw new MultilevelException(what + " cannot be computed: it gives a non-finite value"
                        + " (is the variable constant, or constant within a cluster?)");
            }
        }
        return out;
    }

    /**
     * R's {@code scale(x)}: model.frame evaluates it on the whole data before rows missing in other model
     * variables are dropped, so the mean and the sample SD come from every row where x itself is present.
     * When x involves our own centering (gmc/cwc/cm/cwz or a centering option), whose rule is the analysed
     * rows, scale() stays on the analysed rows too.
     */
    private double[] scale(Node.Call c) {
        Node arg = c.args().get(0);
        double[] analysed = numeric(arg);
        int total = totalRows(arg);
        if (total < 0 || usesCentering(arg)) return transform(Transform.Z_SCORE, analysed, null, Deparse.of(c));
        int[] all = new int[total];
        for (int i = 0; i < total; i++) all[i] = i;
        double[] full = new Evaluator(columns, all, transforms, centering, source).numeric(arg);
        int[] position = new int[total];
        int present = 0;
        for (int i = 0; i < total; i++) position[i] = Double.isFinite(full[i]) ? present++ : -1;
        double[] values = new double[present];
        for (int i = 0; i < total; i++) {
            if (position[i] >= 0) values[position[i]] = full[i];
        }
        double[] z = transform(Transform.Z_SCORE, values, null, Deparse.of(c));
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int p = position[rows[i]];
            out[i] = p >= 0 ? z[p] : analysed[i];
        }
        return out;
    }

    /** The number of rows of the data set, or -1 when the expression reads no column. */
    private int totalRows(Node node) {
        List<Node.Name> names = new java.util.ArrayList<>();
        collectNames(node, names);
        for (Node.Name n : names) {
            Column col = columns.get(n.name());
            if (col != null) return col.size();
        }
        return -1;
    }

    private boolean usesCentering(Node node) {
        if (node instanceof Node.Name n) return centering.containsKey(n.name());
        if (node instanceof Node.Call c) {
            if (Set.of("gmc", "cwc", "cm", "cwz").contains(c.fn())) return true;
            for (Node a : c.args()) {
                if (usesCentering(a)) return true;
            }
            return false;
        }
        if (node instanceof Node.Binary b) return usesCentering(b.left()) || usesCentering(b.right());
        if (node instanceof Node.Unary u) return usesCentering(u.operand());
        if (node instanceof Node.Paren p) return usesCentering(p.inner());
        return false;
    }

    private Value binary(Node.Binary b) {
        if (b.op().equals(":")) {
            // an interaction of grouping variables; numeric ids become factors as R's ':' makes them
            return Factors.interaction(factor(b.left()), factor(b.right()));
        }
        double[] x = numeric(b.left());
        double[] y = numeric(b.right());
        double[] out = new double[x.length];
        switch (b.op()) {
            case "+": for (int i = 0; i < x.length; i++) out[i] = x[i] + y[i]; break;
            case "-": for (int i = 0; i < x.length; i++) out[i] = x[i] - y[i]; break;
            case "*": for (int i = 0; i < x.length; i++) out[i] = x[i] * y[i]; break;
            case "/": for (int i = 0; i < x.length; i++) out[i] = x[i] / y[i]; break;
            case "^": for (int i = 0; i < x.length; i++) out[i] = power(x[i], y[i]); break;
            default:
                throw error("the operator " + b.op() + " cannot be used in arithmetic", b.pos());
        }
        return new Value.Numeric(out);
    }

    private static double power(double x, double y) {
        if (y == 2) return x * x;
        return Math.pow(x, y);
    }

    private Value call(Node.Call c) {
        String fn = c.fn();
        if (!FUNCTIONS.contains(fn)) {
            throw error("unknown function '" + fn + "' (available: factor, I, log, exp, sqrt, abs, scale, offset, gmc, cwc, cm, cwz)", c.pos());
        }
        switch (fn) {
            case "factor":
            case "as.factor":
                arity(c, 1);
                return factor(c.args().get(0));
            case "I":
            case "offset":
                arity(c, 1);
                return new Value.Numeric(numeric(c.args().get(0)));
            case "scale":
                arity(c, 1);
                return new Value.Numeric(scale(c));
            case "gmc":
                arity(c, 1);
                return new Value.Numeric(transform(Transform.GRAND_MEAN_CENTERED, numeric(c.args().get(0)), null, Deparse.of(c)));
            case "cwc":
            case "cm":
            case "cwz": {
                arity(c, 2);
                Transform t = fn.equals("cwc") ? Transform.WITHIN_CLUSTER
                        : fn.equals("cm") ? Transform.CLUSTER_MEAN : Transform.WITHIN_CLUSTER_Z;
                double[] x = numeric(c.args().get(0));
                int[] cluster = factor(c.args().get(1)).codes();
                if (transforms == null) {
                    throw new MultilevelException("no centering/transform service is available for " + Deparse.of(c));
                }
                double[] out = transforms.apply(t, x, cluster);
                for (double v : out) {
                    if (!Double.isFinite(v)) {
                        throw new MultilevelException(Deparse.of(c) + " cannot be computed: it gives a non-finite value"
                                + " (is the variable constant within a cluster?)");
                    }
                }
                return new Value.Numeric(out);
            }
            case "log":
                if (c.args().size() == 2) {
                    // log(x, base)
                    double[] x = numeric(c.args().get(0));
                    double[] base = numeric(c.args().get(1));
                    double[] out = new double[x.length];
                    for (int i = 0; i < x.length; i++) out[i] = Math.log(x[i]) / Math.log(base[i]);
                    return new Value.Numeric(out);
                }
                // fall through to the one-argument functions
            default: {
                arity(c, 1);
                double[] x = numeric(c.args().get(0));
                double[] out = new double[x.length];
                switch (fn) {
                    case "log": for (int i = 0; i < x.length; i++) out[i] = Math.log(x[i]); break;
                    case "log10": for (int i = 0; i < x.length; i++) out[i] = Math.log10(x[i]); break;
                    case "log2": for (int i = 0; i < x.length; i++) out[i] = Math.log(x[i]) / Math.log(2); break;
                    case "log1p": for (int i = 0; i < x.length; i++) out[i] = Math.log1p(x[i]); break;
                    case "exp": for (int i = 0; i < x.length; i++) out[i] = Math.exp(x[i]); break;
                    case "sqrt": for (int i = 0; i < x.length; i++) out[i] = Math.sqrt(x[i]); break;
                    default: for (int i = 0; i < x.length; i++) out[i] = Math.abs(x[i]); break;
                }
                return new Value.Numeric(out);
            }
        }
    }

    /**
     * R's value of a logical expression: per row TRUE, FALSE or NA. The operands of {@code & | !} are logical,
     * or numbers (0 is FALSE, NaN is NA); comparisons take numbers, or, for {@code ==} and {@code !=}, text:
     * a categorical column's level, a quoted string or a number as R prints it.
     */
    private byte[] logical(Node node) {
        String key = Deparse.of(node);
        byte[] cached = logicalCache.get(key);
        if (cached != null) return cached;
        byte[] v = computeLogical(node);
        logicalCache.put(key, v);
        return v;
    }

    private byte[] computeLogical(Node node) {
        if (node instanceof Node.Paren p) return logical(p.inner());
        if (node instanceof Node.Call c) return logical(c.args().get(0));
        if (node instanceof Node.Unary u) {
            byte[] x = truth(u.operand());
            byte[] out = new byte[x.length];
            for (int i = 0; i < x.length; i++) out[i] = x[i] == NA ? NA : (byte) (1 - x[i]);
            return out;
        }
        Node.Binary b = (Node.Binary) node;
        switch (b.op()) {
            case "&&":
            case "||":
                throw error("'" + b.op() + "' is not vectorised: R (4.3 and later) refuses it on columns; use '"
                        + b.op().charAt(0) + "' for row-by-row " + (b.op().equals("&&") ? "and" : "or"), b.pos());
            case "&":
            case "|": {
                byte[] x = truth(b.left());
                byte[] y = truth(b.right());
                byte[] out = new byte[x.length];
                boolean and = b.op().equals("&");
                for (int i = 0; i < x.length; i++) out[i] = and ? and(x[i], y[i]) : or(x[i], y[i]);
                return out;
            }
            default:
                return compare(b);
        }
    }

    /** R's three-valued and: FALSE wins over NA. */
    private static byte and(byte x, byte y) {
        if (x == FALSE || y == FALSE) return FALSE;
        if (x == NA || y == NA) return NA;
        return TRUE;
    }

    /** R's three-valued or: TRUE wins over NA. */
    private static byte or(byte x, byte y) {
        if (x == TRUE || y == TRUE) return TRUE;
        if (x == NA || y == NA) return NA;
        return FALSE;
    }

    /** An operand of {@code & | !}: a logical, or numbers as R coerces them; text is refused as R does. */
    private byte[] truth(Node node) {
        if (isLogical(node)) return logical(node);
        if (node instanceof Node.Str || value(node) instanceof Value.Factor) {
            throw error("'" + Deparse.of(node) + "' is text or categorical and cannot be an operand of '&', '|' or '!'"
                    + " (compare it first, as in sex == \"F\")", node.pos());
        }
        double[] x = numeric(node);
        byte[] out = new byte[x.length];
        for (int i = 0; i < x.length; i++) out[i] = Double.isNaN(x[i]) ? NA : x[i] != 0 ? TRUE : FALSE;
        return out;
    }

    private byte[] compare(Node.Binary b) {
        String op = b.op();
        boolean leftText = isText(b.left());
        boolean rightText = isText(b.right());
        byte[] out = new byte[rows.length];
        if (leftText || rightText) {
            if (!op.equals("==") && !op.equals("!=")) {
                throw error("'" + op + "' cannot compare text or categories ('" + Deparse.of(leftText ? b.left() : b.right())
                        + "'): R compares factors only with == and !=", b.pos());
            }
            if (!(b.left() instanceof Node.Str) && !(b.right() instanceof Node.Str)
                    && value(b.left()) instanceof Value.Factor l && !isLogical(b.left())
                    && value(b.right()) instanceof Value.Factor r && !isLogical(b.right())
                    && !new java.util.HashSet<>(l.levels()).equals(new java.util.HashSet<>(r.levels()))) {
                throw error("the categorical variables '" + Deparse.of(b.left()) + "' and '" + Deparse.of(b.right())
                        + "' have different levels, so R cannot compare them", b.pos());
            }
            String[] x = labels(b.left());
            String[] y = labels(b.right());
            boolean equal = op.equals("==");
            for (int i = 0; i < out.length; i++) {
                if (x[i] == null || y[i] == null) out[i] = NA;
                else out[i] = x[i].equals(y[i]) == equal ? TRUE : FALSE;
            }
            return out;
        }
        double[] x = numeric(b.left());
        double[] y = numeric(b.right());
        for (int i = 0; i < out.length; i++) {
            if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
                out[i] = NA;
                continue;
            }
            boolean r;
            switch (op) {
                case "<": r = x[i] < y[i]; break;
                case "<=": r = x[i] <= y[i]; break;
                case ">": r = x[i] > y[i]; break;
                case ">=": r = x[i] >= y[i]; break;
                case "==": r = x[i] == y[i]; break;
                default: r = x[i] != y[i]; break;
            }
            out[i] = r ? TRUE : FALSE;
        }
        return out;
    }

    /** Whether a comparison operand is text: a quoted string or a categorical (non-logical) variable. */
    private boolean isText(Node node) {
        return node instanceof Node.Str || (!isLogical(node) && value(node) instanceof Value.Factor);
    }

    /** Each row's value as R's as.character gives it (null for NA), for comparing with text. */
    private String[] labels(Node node) {
        String[] out = new String[rows.length];
        if (node instanceof Node.Str s) {
            java.util.Arrays.fill(out, s.value());
        } else if (isLogical(node)) {
            byte[] v = logical(node);
            for (int i = 0; i < out.length; i++) out[i] = v[i] == NA ? null : v[i] == TRUE ? "TRUE" : "FALSE";
        } else if (value(node) instanceof Value.Factor f) {
            for (int i = 0; i < out.length; i++) out[i] = f.levels().get(f.codes()[i]);
        } else {
            double[] x = numeric(node);
            for (int i = 0; i < out.length; i++) out[i] = Double.isNaN(x[i]) ? null : RNumbers.format(x[i]);
        }
        return out;
    }

    /** Fails when a computed variable holds NaN or infinity, naming the expression and the data row. */
    public void requireFinite(Node node, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new MultilevelException("'" + Deparse.of(node) + "' is not a finite number in data row "
                        + (rows[i] + 1) + " (for example the log or square root of a negative number, or a division by zero)");
            }
        }
    }

    private void arity(Node.Call c, int n) {
        if (c.args().size() != n) {
            throw error(c.fn() + "() takes " + n + (n == 1 ? " argument" : " arguments") + ", not " + c.args().size(), c.pos());
        }
    }

    private String context(Node node) {
        return " (at position " + (node.pos() + 1) + " of: " + source + ")";
    }

    private FormulaException error(String what, int pos) {
        return new FormulaException(what + " (at position " + (pos + 1) + "): " + source, pos);
    }

    /** All column names an expression reads, in order of appearance. */
    public static void collectNames(Node node, List<Node.Name> out) {
        // a long sum is a deep chain on its left: walk the chain in a loop, recurse only into its (shallow) operands
        java.util.ArrayDeque<Node> rights = new java.util.ArrayDeque<>();
        while (node instanceof Node.Binary b && b.left() != null) {
            rights.push(b.right());
            node = b.left();
        }
        collectNamesOf(node, out);
        while (!rights.isEmpty()) collectNamesOf(rights.pop(), out);
    }

    private static void collectNamesOf(Node node, List<Node.Name> out) {
        if (node == null) return;
        if (node instanceof Node.Name n) {
            out.add(n);
        } else if (node instanceof Node.Call c) {
            for (Node a : c.args()) collectNames(a, out);
        } else if (node instanceof Node.Binary b) {
            collectNames(b.left(), out);
            collectNames(b.right(), out);
        } else if (node instanceof Node.Unary u) {
            collectNames(u.operand(), out);
        } else if (node instanceof Node.Paren p) {
            collectNames(p.inner(), out);
        }
    }
}
