package org.multilevel.inference.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.data.CategoricalColumn;
import org.multilevel.api.data.Column;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.NumericColumn;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.FixedDesign;

/**
 * The fixed terms of a model as R's terms object describes them: each term's variables, which of those are
 * numeric and which are factors, the columns of X it owns, and (on demand) the full indicator coding of each
 * variable (all levels of a factor; the values of a numeric variable), recovered from X itself where the
 * variable is a main effect and from the data set otherwise.
 */
public final class FixedTerms {
    private final DesignMatrices design;
    private final Dataset data;
    private final FixedDesign x;
    private final List<String> labels;
    private final List<List<String>> vars;
    private final List<int[]> columns;
    private final Map<String, Boolean> factor = new LinkedHashMap<>();
    private final boolean intercept;

    public FixedTerms(DesignMatrices design, Dataset data) {
        this.design = design;
        this.data = data;
        this.x = design.fixed();
        this.labels = x.termLabels();
        this.vars = new ArrayList<>();
        this.columns = new ArrayList<>();
        boolean hasIntercept = false;
        for (int j = 0; j < x.columns(); j++) if (x.assign()[j] < 0) hasIntercept = true;
        this.intercept = hasIntercept;
        for (int t = 0; t < labels.size(); t++) {
            vars.add(splitVariables(labels.get(t)));
            List<Integer> cols = new ArrayList<>();
            for (int j = 0; j < x.columns(); j++) if (x.assign()[j] == t) cols.add(j);
            columns.add(cols.stream().mapToInt(Integer::intValue).toArray());
        }
        for (List<String> vs : vars) for (String v : vs) factor.computeIfAbsent(v, this::decideFactor);
    }

    public int terms() {
        return labels.size();
    }

    public String label(int t) {
        return labels.get(t);
    }

    public int[] columns(int t) {
        return columns.get(t).clone();
    }

    public boolean hasIntercept() {
        return intercept;
    }

    public List<String> variables(int t) {
        return vars.get(t);
    }

    /** Terms (indices) that contain term t, by lmerTest's rule: a strict superset of its variables, same numerics. */
    public List<Integer> containing(int t) {
        List<Integer> out = new ArrayList<>();
        for (int s = 0; s < labels.size(); s++) {
            if (s != t && contains(s, t)) out.add(s);
        }
        return out;
    }

    private boolean contains(int outer, int inner) {
        List<String> vo = vars.get(outer);
        List<String> vi = vars.get(inner);
        if (!vo.containsAll(vi) || vo.size() <= vi.size() || !vi.stream().allMatch(vo::contains)) return false;
        List<String> no = vo.stream().filter(v -> !factor.get(v)).sorted().toList();
        List<String> ni = vi.stream().filter(v -> !factor.get(v)).sorted().toList();
        return no.equals(ni);
    }

    /** Order of term t: its number of variables. */
    public int order(int t) {
        return vars.get(t).size();
    }

    /**
     * The full coding of term t (R's {@code model.matrix(~ 0 + term)}): the row-wise product of its variables'
     * full codings; n x k, column-major arrays.
     */
    public List<double[]> fullCoding(int t) {
        List<double[]> block = null;
        for (String v : vars.get(t)) {
            List<double[]> b = variableCoding(v);
            if (block == null) {
                block = b;
                continue;
            }
            List<double[]> next = new ArrayList<>();
            for (double[] nb : b) {
                for (double[] ob : block) {
                    double[] c = new double[ob.length];
                    for (int i = 0; i < c.length; i++) c[i] = ob[i] * nb[i];
                    next.add(c);
                }
            }
            block = next;
        }
        return block;
    }

    private List<double[]> variableCoding(String v) {
        int n = design.rows();
        int main = labels.indexOf(v);
        if (main >= 0) {
            int[] cols = columns.get(main);
            List<double[]> out = new ArrayList<>();
            if (factor.get(v)) {
                double[] ref = new double[n];
                boolean any = false;
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int c : cols) s += x.get(i, c);
                    ref[i] = 1 - s;
                    if (Math.abs(ref[i]) > 1e-12) any = true;
                }
                if (any) out.add(ref);
            }
            for (int c : cols) out.add(column(c));
            return out;
        }
        Column col = dataColumn(v);
        if (col == null) {
            throw new MultilevelException("The anova table cannot evaluate '" + v + "' on its own: add it as a main"
                    + " effect or name a column of the data.");
        }
        int[] rows = design.dataRows();
        List<double[]> out = new ArrayList<>();
        if (col instanceof CategoricalColumn cc) {
            for (int l = 0; l < cc.levels().size(); l++) {
                double[] ind = new double[n];
                boolean used = false;
                for (int i = 0; i < n; i++) {
                    if (cc.codes()[rows[i]] == l) {
                        ind[i] = 1;
                        used = true;
                    }
                }
                if (used) out.add(ind);
            }
        } else if (factor.get(v)) {
            NumericColumn nc = (NumericColumn) col;
            java.util.TreeSet<Double> values = new java.util.TreeSet<>();
            for (int i = 0; i < n; i++) values.add(nc.values()[rows[i]]);
            for (double level : values) {
                double[] ind = new double[n];
                for (int i = 0; i < n; i++) if (nc.values()[rows[i]] == level) ind[i] = 1;
                out.add(ind);
            }
        } else {
            NumericColumn nc = (NumericColumn) col;
            double[] vals = new double[n];
            for (int i = 0; i < n; i++) vals[i] = nc.values()[rows[i]];
            out.add(vals);
        }
        return out;
    }

    private double[] column(int c) {
        int n = design.rows();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = x.get(i, c);
        return out;
    }

    private Column dataColumn(String v) {
        if (data == null) return null;
        String name = stripFactor(v);
        return data.column(name).orElse(null);
    }

    private static String stripFactor(String v) {
        for (String f : new String[] {"factor(", "as.factor("}) {
            if (v.startsWith(f) && v.endsWith(")")) return v.substring(f.length(), v.length() - 1).trim();
        }
        return v;
    }

    private boolean decideFactor(String v) {
        if (!stripFactor(v).equals(v)) return true;
        int main = labels.indexOf(v);
        if (main >= 0) {
            int[] cols = columns.get(main);
            if (cols.length == 1 && x.columnNames().get(cols[0]).equals(v)) return false;
            for (int i = 0; i < design.rows(); i++) {
                double s = 0;
                for (int c : cols) {
                    double val = x.get(i, c);
                    if (val != 0 && val != 1) return false;
                    s += val;
                }
                if (s > 1) return false;
            }
            return true;
        }
        Column col = dataColumn(v);
        return col instanceof CategoricalColumn;
    }

    /** Splits "a:factor(b):c" at the colons that are outside parentheses. */
    static List<String> splitVariables(String label) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < label.length(); i++) {
            char ch = label.charAt(i);
            if (ch == '(' || ch == '[') depth++;
            else if (ch == ')' || ch == ']') depth--;
            else if (ch == ':' && depth == 0) {
                out.add(label.substring(start, i).trim());
                start = i + 1;
            }
        }
        out.add(label.substring(start).trim());
        return out;
    }
}
