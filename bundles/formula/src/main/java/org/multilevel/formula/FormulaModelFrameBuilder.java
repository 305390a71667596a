package org.multilevel.formula;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.multilevel.api.MultilevelException;
import org.multilevel.api.data.CategoricalColumn;
import org.multilevel.api.data.Column;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.model.Centering;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.FixedDesign;
import org.multilevel.api.model.FormulaException;
import org.multilevel.api.model.FrameReport;
import org.multilevel.api.model.ModelFrameBuilder;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.model.RandomTerm;
import org.multilevel.api.model.Transform;
import org.multilevel.api.model.TransformService;
import org.multilevel.formula.internal.Deparse;
import org.multilevel.formula.internal.DesignBuilder;
import org.multilevel.formula.internal.Evaluator;
import org.multilevel.formula.internal.Factors;
import org.multilevel.formula.internal.Node;
import org.multilevel.formula.internal.Parser;
import org.multilevel.formula.internal.RandomSpec;
import org.multilevel.formula.internal.RankCheck;
import org.multilevel.formula.internal.ResponseBuilder;
import org.multilevel.formula.internal.StrayText;
import org.multilevel.formula.internal.Suggest;
import org.multilevel.formula.internal.TermExpander;
import org.multilevel.formula.internal.Terms;
import org.multilevel.formula.internal.Value;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Builds the model frame of an lme4 formula: parses it, resolves its columns, deletes rows with missing
 * values listwise, evaluates the response, R's fixed-effects model matrix (dropping collinear columns as
 * lme4 does) and lme4's random-effects terms. Stateless.
 */
@Component(service = ModelFrameBuilder.class)
public final class FormulaModelFrameBuilder implements ModelFrameBuilder {
    private final TransformService transforms;

    /** @param transforms computes the centering functions and {@code scale()} */
    @Activate
    public FormulaModelFrameBuilder(@Reference TransformService transforms) {
        this.transforms = transforms;
    }

    /** Without a transform service: formulas using scale() or the centering functions are refused. */
    public FormulaModelFrameBuilder() {
        this.transforms = null;
    }

    @Override
    public DesignMatrices build(Dataset data, ModelSpec spec) {
        String source = spec.formula();
        Parser.Formula formula = Parser.parseFormula(source);
        Terms fixed = TermExpander.expand(formula.rhs(), true, source);
        List<RandomSpec> randomSpecs = RandomSpec.expand(fixed.bars(), source);
        checkFunctions(formula, source);

        // every column the model reads, in order of appearance
        List<Node.Name> names = new ArrayList<>();
        Evaluator.collectNames(formula.lhs(), names);
        Evaluator.collectNames(formula.rhs(), names);
        Map<String, Column> columns = new LinkedHashMap<>();
        for (Node.Name n : names) {
            columns.computeIfAbsent(n.name(), k -> resolve(data, k, n.pos(), source));
        }
        Map<String, Centering> centering = new HashMap<>();
        for (Centering c : spec.centering()) {
            if (!columns.containsKey(c.variable())) continue;
            centering.put(c.variable(), c);
            if (c.cluster() != null) columns.computeIfAbsent(c.cluster(), k -> resolve(data, k, -1, source));
        }
        // text among numbers: an error where a number is needed, a factor (with a warning) where R makes one
        Map<String, StrayText.Mixed> readAsCategorical = new LinkedHashMap<>();
        char mark = data.source() == null ? '.' : data.source().decimalMark();
        checkStrayText(formula.lhs(), columns, mark);
        for (String variable : centering.keySet()) {
            if (columns.get(variable) instanceof CategoricalColumn c) StrayText.check(c, mark);
        }
        for (int v = 0; v < fixed.variables().size(); v++) {
            if (usedInTerms(fixed, v)) predictorText(fixed.variables().get(v), columns, mark, false, readAsCategorical);
        }
        for (RandomSpec rs : randomSpecs) {
            for (int v = 0; v < rs.effects().variables().size(); v++) {
                if (usedInTerms(rs.effects(), v)) {
                    predictorText(rs.effects().variables().get(v), columns, mark, true, readAsCategorical);
                }
            }
        }
        String responseLabel = Deparse.of(formula.lhs());
        for (int v = 0; v < fixed.variables().size(); v++) {
            if (fixed.variableLabels().get(v).equals(responseLabel) && usedInTerms(fixed, v)) {
                throw new MultilevelException("the response '" + responseLabel + "' also appears among the predictors of: " + source);
            }
        }

        List<String> notes = new ArrayList<>(data.source() == null ? List.of() : data.source().notes());
        int[] rows = completeRows(data, columns, notes);
        Evaluator ev = new Evaluator(columns, rows, transforms, centering, source);
        int[] defined = definedLogicalRows(ev, rows, modelVariables(formula, fixed, randomSpecs), notes);
        if (defined != rows) {
            rows = defined;
            ev = new Evaluator(columns, rows, transforms, centering, source);
        }
        int n = rows.length;

        ResponseBuilder.Response response = ResponseBuilder.build(formula.lhs(), spec.family(), ev);

        double[] offset = null;
        for (Node o : fixed.offsets()) {
            double[] values = ev.numeric(o);
            ev.requireFinite(o, values);
            if (offset == null) offset = new double[n];
            for (int i = 0; i < n; i++) offset[i] += values[i];
        }

        Map<String, String> referenceLevels = new LinkedHashMap<>();
        FixedDesign fixedDesign = fixedDesign(fixed, ev, spec, n, notes, referenceLevels);
        List<RandomTerm> random = randomTerms(randomSpecs, ev, spec, n);
        FrameReport frame = frameReport(data, formula, spec, centering, readAsCategorical, referenceLevels);
        return new DesignMatrices(spec, response.y(), response.weights(), offset, fixedDesign, random, rows, notes,
                frame);
    }

    private static FrameReport frameReport(Dataset data, Parser.Formula formula, ModelSpec spec,
                                           Map<String, Centering> options, Map<String, StrayText.Mixed> mixed,
                                           Map<String, String> referenceLevels) {
        List<FrameReport.TextInNumbers> categorical = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (StrayText.Mixed m : mixed.values()) {
            categorical.add(new FrameReport.TextInNumbers(m.column().name(), m.textValues(), m.column().levels().size()));
            warnings.add(m.note());
        }
        List<FrameReport.AppliedCentering> centering = new ArrayList<>();
        for (Centering c : spec.centering()) {
            if (options.containsKey(c.variable())) {
                centering.add(new FrameReport.AppliedCentering(c.variable(), c.variable(), c.transform(), c.cluster(), true));
            }
        }
        centeringCalls(formula.lhs(), centering);
        centeringCalls(formula.rhs(), centering);
        return new FrameReport(data.source(), categorical, referenceLevels, centering, warnings);
    }

    /** The centering functions of the formula ({@code cwc(ses, school)}, {@code scale(x)}), each once. */
    /** Walks the formula with an explicit stack: a sum of terms may be as long as the length limit allows. */
    private static void centeringCalls(Node root, List<FrameReport.AppliedCentering> out) {
        java.util.ArrayDeque<Node> pending = new java.util.ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (node instanceof Node.Call c) {
                centeringCall(c, out);
                for (int k = c.args().size() - 1; k >= 0; k--) pending.push(c.args().get(k));
            } else if (node instanceof Node.Binary b) {
                pending.push(b.right());
                if (b.left() != null) pending.push(b.left());
            } else if (node instanceof Node.Unary u) {
                pending.push(u.operand());
            } else if (node instanceof Node.Paren p) {
                pending.push(p.inner());
            }
        }
    }

    private static void centeringCall(Node.Call c, List<FrameReport.AppliedCentering> out) {
        Transform t = switch (c.fn()) {
            case "gmc" -> Transform.GRAND_MEAN_CENTERED;
            case "cwc" -> Transform.WITHIN_CLUSTER;
            case "cm" -> Transform.CLUSTER_MEAN;
            case "cwz" -> Transform.WITHIN_CLUSTER_Z;
            case "scale" -> Transform.Z_SCORE;
            default -> null;
        };
        if (t == null || c.args().isEmpty()) return;
        String term = Deparse.of(c);
        String cluster = c.args().size() > 1 ? Deparse.of(c.args().get(1)) : null;
        if (out.stream().noneMatch(a -> !a.byOption() && a.term().equals(term))) {
            out.add(new FrameReport.AppliedCentering(term, Deparse.of(c.args().get(0)), t, cluster, false));
        }
    }

    private FixedDesign fixedDesign(Terms fixed, Evaluator ev, ModelSpec spec, int n, List<String> notes,
                                    Map<String, String> referenceLevels) {
        List<Value> values = designValues(fixed, ev, spec, referenceLevels);
        DesignBuilder.Matrix x = DesignBuilder.build(fixed, values, n);
        int p = x.columns();
        boolean[] keep = RankCheck.keptColumns(x.values(), n, p);
        List<String> dropped = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            if (!keep[j]) dropped.add(x.names().get(j));
        }
        if (dropped.isEmpty()) {
            return new FixedDesign(x.names(), x.values(), x.assign(), fixed.labels(), List.of());
        }
        notes.add("fixed-effect model matrix is rank deficient so dropping " + dropped.size()
                + (dropped.size() == 1 ? " column / coefficient: " : " columns / coefficients: ") + String.join(", ", dropped));
        int q = p - dropped.size();
        int[] kept = new int[q];
        for (int j = 0, k = 0; j < p; j++) {
            if (keep[j]) kept[k++] = j;
        }
        double[] values2 = new double[n * q];
        double[] src = x.values();
        for (int i = 0; i < n; i++) {
            int from = i * p;
            int to = i * q;
            for (int k = 0; k < q; k++) values2[to + k] = src[from + kept[k]];
        }
        List<String> names2 = new ArrayList<>(q);
        int[] assign2 = new int[q];
        for (int k = 0; k < q; k++) {
            names2.add(x.names().get(kept[k]));
            assign2[k] = x.assign()[kept[k]];
        }
        return new FixedDesign(names2, values2, assign2, fixed.labels(), dropped);
    }

    private List<RandomTerm> randomTerms(List<RandomSpec> specs, Evaluator ev, ModelSpec spec, int n) {
        boolean gaussian = spec.family() == Family.GAUSSIAN;
        List<RandomTerm> out = new ArrayList<>();
        for (RandomSpec rs : specs) {
            // lme4 names a plain grouping variable by its name (`school id` -> school id) but deparses an
            // interaction, which keeps the back-quotes (`school id`:cls)
            String group = rs.group() instanceof Node.Name name ? name.name() : Deparse.of(rs.group());
            Value.Factor g = ev.factor(rs.group());
            int levels = g.levelCount();
            if (levels < 2) {
                throw new MultilevelException("the grouping factor '" + group + "' has only one level ("
                        + (levels == 1 ? g.levels().get(0) : "none") + ") among the " + n
                        + " analysed rows; a random effect needs at least two groups");
            }
            if (gaussian ? levels >= n : levels > n) {
                throw new MultilevelException("number of levels of each grouping factor must be "
                        + (gaussian ? "<" : "<=") + " number of observations (problems: " + group + ": " + levels
                        + " levels, " + n + " observations)");
            }
            List<Value> values = designValues(rs.effects(), ev, spec, null);
            DesignBuilder.Matrix z = DesignBuilder.build(rs.effects(), values, n);
            if (z.columns() == 0) {
                throw new MultilevelException("the random-effects term " + rs.text() + " has no effects (it removes the intercept and names no variable)");
            }
            long effects = (long) z.columns() * levels;
            if (gaussian ? effects >= n : effects > n) {
                throw new MultilevelException("number of observations (=" + n + ") " + (gaussian ? "<=" : "<")
                        + " number of random effects (=" + effects + ") for term " + rs.text()
                        + "; the random-effects parameters" + (gaussian ? " and the residual variance" : "")
                        + " are probably unidentifiable");
            }
            out.add(new RandomTerm(group, g.levels(), g.codes(), z.names(), z.values()));
        }
        return lme4Order(out);
    }

    /** The expressions that become variables of the model frame: response, fixed-effect variables, random effects and groups. */
    private static List<Node> modelVariables(Parser.Formula formula, Terms fixed, List<RandomSpec> randomSpecs) {
        List<Node> out = new ArrayList<>();
        out.add(formula.lhs());
        for (int v = 0; v < fixed.variables().size(); v++) {
            if (usedInTerms(fixed, v)) out.add(fixed.variables().get(v));
        }
        for (RandomSpec rs : randomSpecs) {
            out.addAll(rs.effects().variables());
            out.add(rs.group());
        }
        return out;
    }

    /**
     * R's na.omit also drops the rows where a logical variable of the model is NA (a comparison with NaN, as in
     * {@code I(log(x) > 0)} for a negative x): the analysed rows without those, or {@code rows} itself when there
     * are none.
     */
    private static int[] definedLogicalRows(Evaluator ev, int[] rows, List<Node> variables, List<String> notes) {
        boolean[] drop = null;
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Node node : variables) {
            boolean[] missing = ev.missingLogical(node);
            if (missing == null) continue;
            if (drop == null) drop = new boolean[rows.length];
            int count = 0;
            for (int i = 0; i < rows.length; i++) {
                if (missing[i]) {
                    drop[i] = true;
                    count++;
                }
            }
            counts.merge(Deparse.of(node), count, Integer::sum);
        }
        if (drop == null) return rows;
        int kept = 0;
        for (boolean d : drop) {
            if (!d) kept++;
        }
        StringBuilder which = new StringBuilder();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (which.length() > 0) which.append(", ");
            which.append(e.getKey()).append(": ").append(e.getValue());
        }
        if (kept == 0) {
            throw new MultilevelException("no rows left: a logical variable of the model is NA in all " + rows.length
                    + " rows (NA values: " + which + ")");
        }
        int[] out = new int[kept];
        for (int i = 0, k = 0; i < rows.length; i++) {
            if (!drop[i]) out[k++] = rows[i];
        }
        notes.add(String.format(Locale.ROOT, "%d of %d rows dropped because a logical variable is NA there (NA values: %s)",
                rows.length - kept, rows.length, which));
        return out;
    }

    /** lme4 puts the terms in decreasing order of their number of levels when any term has more than its predecessor. */
    private static List<RandomTerm> lme4Order(List<RandomTerm> terms) {
        boolean increases = false;
        for (int t = 1; t < terms.size(); t++) {
            if (terms.get(t).levelCount() > terms.get(t - 1).levelCount()) increases = true;
        }
        if (!increases) return terms;
        // rev(order(nl)): a stable increasing sort, reversed
        Integer[] order = new Integer[terms.size()];
        for (int t = 0; t < order.length; t++) order[t] = t;
        Arrays.sort(order, (a, b) -> Integer.compare(terms.get(a).levelCount(), terms.get(b).levelCount()));
        List<RandomTerm> out = new ArrayList<>();
        for (int t = order.length - 1; t >= 0; t--) out.add(terms.get(order[t]));
        return out;
    }

    /**
     * The value of each variable a term uses, with the chosen reference levels; null for unused ones. Each
     * factor's reference level goes to {@code referenceLevels} by its label, when that is not null.
     */
    private static List<Value> designValues(Terms terms, Evaluator ev, ModelSpec spec,
                                            Map<String, String> referenceLevels) {
        List<Value> values = new ArrayList<>();
        for (int v = 0; v < terms.variables().size(); v++) {
            if (!usedInTerms(terms, v)) {
                values.add(null);
                continue;
            }
            Node node = terms.variables().get(v);
            Value value = ev.value(node);
            if (value instanceof Value.Numeric num) {
                ev.requireFinite(node, num.values());
            } else if (value instanceof Value.Factor f) {
                Value.Factor coded = withReference(node, terms.variableLabels().get(v), f, spec);
                if (referenceLevels != null && coded.levelCount() > 0) {
                    referenceLevels.put(terms.variableLabels().get(v), coded.levels().get(0));
                }
                value = coded;
            }
            values.add(value);
        }
        return values;
    }

    private static Value.Factor withReference(Node node, String label, Value.Factor f, ModelSpec spec) {
        String key = label;
        String reference = spec.referenceLevels().get(label);
        if (reference == null) {
            Node inner = node;
            if (node instanceof Node.Call c && (c.fn().equals("factor") || c.fn().equals("as.factor")) && c.args().size() == 1) {
                inner = c.args().get(0);
            }
            if (inner instanceof Node.Name name) {
                key = name.name();
                reference = spec.referenceLevels().get(key);
            }
        }
        if (reference == null) return f;
        Value.Factor releveled = Factors.relevel(f, reference);
        if (releveled == null) {
            throw new MultilevelException("the reference level '" + reference + "' chosen for " + key
                    + " is not among its levels (" + String.join(", ", f.levels()) + ")");
        }
        return releveled;
    }

    private static boolean usedInTerms(Terms terms, int v) {
        for (BitSet t : terms.terms()) {
            if (t.get(v)) return true;
        }
        return false;
    }

    /**
     * A predictor variable: a plain column name that is numbers but for some text is a factor, as in R, and
     * reported in {@code readAsCategorical}; but a random slope on a column whose text looks like a typo is an
     * error, and so is such a column anywhere a number is needed ({@code I(x)}, {@code log(x)}, {@code x^2}).
     */
    private static void predictorText(Node node, Map<String, Column> columns, char mark, boolean randomSlope,
                                      Map<String, StrayText.Mixed> readAsCategorical) {
        if (node instanceof Node.Name n) {
            if (!(columns.get(n.name()) instanceof CategoricalColumn c)) return;
            StrayText.Mixed mixed = readAsCategorical.containsKey(n.name())
                    ? readAsCategorical.get(n.name()) : StrayText.classify(c, mark);
            if (mixed == null) return;
            if (randomSlope && mixed.looksLikeTypo()) throw StrayText.error(mixed);
            readAsCategorical.put(n.name(), mixed);
        } else {
            checkStrayText(node, columns, mark);
        }
    }

    /**
     * Where a number is needed (the response, a function's argument), a column that is numbers but for some
     * text cells is a mistake in the data, not a factor; {@code factor(x)} says the user means it. Grouping
     * factors are not checked.
     */
    private static void checkStrayText(Node node, Map<String, Column> columns, char mark) {
        if (node instanceof Node.Name n) {
            if (columns.get(n.name()) instanceof CategoricalColumn c) StrayText.check(c, mark);
        } else if (node instanceof Node.Call c) {
            if (c.fn().equals("factor") || c.fn().equals("as.factor")) return;
            for (Node a : c.args()) checkStrayText(a, columns, mark);
        } else if (node instanceof Node.Binary b) {
            if (b.left() != null) checkStrayText(b.left(), columns, mark);
            checkStrayText(b.right(), columns, mark);
        } else if (node instanceof Node.Unary u) {
            checkStrayText(u.operand(), columns, mark);
        } else if (node instanceof Node.Paren p) {
            checkStrayText(p.inner(), columns, mark);
        }
    }

    private static Column resolve(Dataset data, String name, int pos, String source) {
        if (name.equals(".") && data.column(".").isEmpty()) {
            throw new FormulaException("'.' (all other columns) is not supported; name the predictors (at position "
                    + (pos + 1) + "): " + source, Math.max(pos, 0));
        }
        return data.column(name).orElseThrow(() -> {
            String closest = Suggest.closest(name, data.columnNames());
            String where = pos >= 0 ? " (formula position " + (pos + 1) + ")" : "";
            return new MultilevelException("the data set " + (data.name() == null ? "" : "'" + data.name() + "' ")
                    + "has no column '" + name + "'" + where
                    + (closest == null ? "" : "; did you mean '" + closest + "'?"));
        });
    }

    /** Listwise deletion over every column the model uses; says how many rows were dropped and why. */
    private static int[] completeRows(Dataset data, Map<String, Column> columns, List<String> notes) {
        int total = data.rows();
        boolean[] missing = new boolean[total];
        Map<String, Integer> missingCounts = new LinkedHashMap<>();
        for (Column c : columns.values()) {
            int count = 0;
            for (int i = 0; i < total; i++) {
                if (c.isMissing(i)) {
                    missing[i] = true;
                    count++;
                }
            }
            if (count > 0) missingCounts.put(c.name(), count);
        }
        int kept = 0;
        for (boolean m : missing) {
            if (!m) kept++;
        }
        int[] rows = new int[kept];
        for (int i = 0, k = 0; i < total; i++) {
            if (!missing[i]) rows[k++] = i;
        }
        StringBuilder which = new StringBuilder();
        for (Map.Entry<String, Integer> e : missingCounts.entrySet()) {
            if (which.length() > 0) which.append(", ");
            which.append(e.getKey()).append(": ").append(e.getValue());
        }
        if (total == 0) {
            throw new MultilevelException("the data set has no rows");
        }
        if (kept == 0) {
            throw new MultilevelException("no rows left: all " + total
                    + " rows have a missing value in a variable of the model (missing values: " + which + ")");
        }
        if (kept < total) {
            int dropped = total - kept;
            notes.add(String.format(Locale.ROOT, "%d of %d rows dropped because of missing values (missing values: %s)",
                    dropped, total, which));
        }
        return rows;
    }

    private static void checkFunctions(Parser.Formula f, String source) {
        Node lhs = f.lhs();
        if (lhs instanceof Node.Call c && c.fn().equals("cbind")) {
            for (Node a : c.args()) checkCalls(a, source);
        } else {
            checkCalls(lhs, source);
        }
        checkCalls(f.rhs(), source);
    }

    private static void checkCalls(Node node, String source) {
        // the sum of terms is a deep chain on its left: a loop along it, recursion only into its (shallow) operands
        java.util.ArrayDeque<Node> rights = new java.util.ArrayDeque<>();
        while (node instanceof Node.Binary b && b.left() != null) {
            rights.push(b.right());
            node = b.left();
        }
        checkCallsOf(node, source);
        while (!rights.isEmpty()) checkCallsOf(rights.pop(), source);
    }

    private static void checkCallsOf(Node node, String source) {
        if (node instanceof Node.Call c) {
            if (!Evaluator.FUNCTIONS.contains(c.fn())) {
                String hint = c.fn().equals("cbind") ? " (cbind(successes, failures) is a binomial response, left of '~')" : "";
                throw new FormulaException("unknown function '" + c.fn() + "' at position " + (c.pos() + 1) + hint
                        + " (available: factor, I, log, exp, sqrt, abs, scale, offset, gmc, cwc, cm, cwz): " + source, c.pos());
            }
            for (Node a : c.args()) checkCalls(a, source);
        } else if (node instanceof Node.Binary b) {
            if (b.left() != null) checkCalls(b.left(), source);
            checkCalls(b.right(), source);
        } else if (node instanceof Node.Unary u) {
            checkCalls(u.operand(), source);
        } else if (node instanceof Node.Paren p) {
            checkCalls(p.inner(), source);
        }
    }
}
