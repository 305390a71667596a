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
 * {@code scale()} and the centering functions. Nothing else is ever executed. {@code scale()} alone looks at
 * the other rows of the data (see {@link #scale}).
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

    /** A variable as R's model frame holds it: numeric, or a factor for text columns and factor(). */
    public Value value(Node node) {
        String key = Deparse.of(node);
        Value cached = cache.get(key);
        if (cached != null) return cached;
        Value v = compute(node);
        cache.put(key, v);
        return v;
    }

    /** A numeric variable; a factor here is an error naming the expression. */
    public double[] numeric(Node node) {
        Value v = value(node);
        if (v instanceof Value.Numeric n) return n.values();
        throw new MultilevelException("'" + Deparse.of(node) + "' is categorical, but a number is needed here"
                + context(node));
    }

    /** A grouping factor: any variable made categorical (numbers become levels). */
    public Value.Factor factor(Node node) {
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
