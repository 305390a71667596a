package org.multilevel.lmm.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.multilevel.api.fit.EstimationException;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.RandomTerm;

/**
 * The random-effects structure in lme4's order (see {@link #lme4Order}); terms on the same grouping factor
 * (same name and levels) are merged into one factor whose
 * relative covariance factor Lambda is block diagonal over its terms. Merging keeps
 * {@code (1|S) + (0+Days|S)} a single-factor (hence nested) design.
 */
public final class RandomStructure {
    /**
     * One random-effects term.
     *
     * @param label        lme4's VarCorr name: the group, made unique ("S", "S.1")
     * @param factor       index of its factor
     * @param offset       first column of the term within its factor's q columns
     * @param thetaOffset  first theta entry of the term (lower triangle, column-major as lme4)
     * @param designIndex  position of the term in the design's (formula) order
     */
    public record Term(String label, String group, List<String> effects, int factor, int offset, int thetaOffset,
                       int designIndex) {
        public int q() {
            return effects.size();
        }

        public int thetaCount() {
            return q() * (q() + 1) / 2;
        }
    }

    /** One grouping factor with the merged model matrix of its terms (n x q, row-major). */
    public record Factor(String name, List<String> levels, int[] levelOfRow, int q, double[] z, List<Term> terms,
                         List<String> effects) {
        public int levelCount() {
            return levels.size();
        }
    }

    private final List<Factor> factors;
    private final List<Term> terms;     // lme4's term order
    private final int thetaCount;

    private RandomStructure(List<Factor> factors, List<Term> terms, int thetaCount) {
        this.factors = factors;
        this.terms = terms;
        this.thetaCount = thetaCount;
    }

    public static RandomStructure of(DesignMatrices design) {
        int n = design.rows();
        List<RandomTerm> sorted = lme4Order(design.random());
        // group terms into factors (first appearance decides the factor's position)
        Map<String, List<RandomTerm>> byFactor = new LinkedHashMap<>();
        for (RandomTerm t : sorted) {
            String key = t.group() + "\u0000" + t.levels().hashCode();
            List<RandomTerm> list = byFactor.computeIfAbsent(key, k -> new ArrayList<>());
            if (!list.isEmpty() && !list.get(0).levels().equals(t.levels())) {
                byFactor.computeIfAbsent(key + "\u0001" + byFactor.size(), k -> new ArrayList<>()).add(t);
            } else {
                list.add(t);
            }
        }
        // lme4 labels: group names made unique in the sorted term order
        Map<RandomTerm, String> labels = new IdentityHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (RandomTerm t : sorted) {
            int c = seen.merge(t.group(), 1, Integer::sum);
            labels.put(t, c == 1 ? t.group() : t.group() + "." + (c - 1));
        }
        // theta entries in lme4's order: term after term in the sorted order
        Map<RandomTerm, Integer> thetaOffset = new IdentityHashMap<>();
        int theta = 0;
        for (RandomTerm t : sorted) {
            thetaOffset.put(t, theta);
            theta += t.effects() * (t.effects() + 1) / 2;
        }
        List<Factor> factors = new ArrayList<>();
        Map<RandomTerm, Term> termOf = new IdentityHashMap<>();
        for (List<RandomTerm> list : byFactor.values()) {
            int fi = factors.size();
            int q = 0;
            for (RandomTerm t : list) q += t.effects();
            double[] z;
            if (list.size() == 1) {
                z = list.get(0).z();
            } else {
                z = new double[n * q];
                int off = 0;
                for (RandomTerm t : list) {
                    int qt = t.effects();
                    for (int i = 0; i < n; i++) System.arraycopy(t.z(), i * qt, z, i * q + off, qt);
                    off += qt;
                }
            }
            List<Term> ts = new ArrayList<>();
            List<String> effects = new ArrayList<>();
            int off = 0;
            for (RandomTerm t : list) {
                Term term = new Term(labels.get(t), t.group(), t.effectNames(), fi, off, thetaOffset.get(t),
                        indexOf(design.random(), t));
                ts.add(term);
                termOf.put(t, term);
                effects.addAll(t.effectNames());
                off += t.effects();
            }
            RandomTerm first = list.get(0);
            factors.add(new Factor(first.group(), first.levels(), first.levelOfRow(), q, z, List.copyOf(ts),
                    List.copyOf(effects)));
        }
        List<Term> terms = new ArrayList<>();
        for (RandomTerm t : sorted) terms.add(termOf.get(t));
        validate(design, factors);
        return new RandomStructure(List.copyOf(factors), List.copyOf(terms), theta);
    }

    /**
     * lme4's mkReTrms: only when some term has more levels than the one before it, the terms are put in
     * rev(order(levels)) order, i.e. decreasing levels with ties in reverse formula order.
     */
    static List<RandomTerm> lme4Order(List<RandomTerm> terms) {
        boolean increase = false;
        for (int i = 1; i < terms.size(); i++) {
            if (terms.get(i).levelCount() > terms.get(i - 1).levelCount()) increase = true;
        }
        List<RandomTerm> out = new ArrayList<>(terms);
        if (!increase) return out;
        out.sort(Comparator.comparingInt(RandomTerm::levelCount));   // stable ascending, as R's order()
        java.util.Collections.reverse(out);
        return out;
    }

    private static int indexOf(List<RandomTerm> terms, RandomTerm t) {
        for (int i = 0; i < terms.size(); i++) if (terms.get(i) == t) return i;
        return -1;
    }

    private static void validate(DesignMatrices design, List<Factor> factors) {
        int n = design.rows();
        for (Factor f : factors) {
            if (f.levelOfRow().length != n || f.z().length != n * f.q()) {
                throw new EstimationException("the random-effects term on '" + f.name()
                        + "' does not have one value per row of the model frame");
            }
            int[] count = new int[f.levelCount()];
            for (int l : f.levelOfRow()) count[l]++;
            int used = 0;
            for (int c : count) if (c > 0) used++;
            if (used < 2) {
                throw new EstimationException("the grouping factor '" + f.name()
                        + "' has only one level in the data used; a random effect needs at least two groups");
            }
            if (used >= n) {
                throw new EstimationException("the grouping factor '" + f.name() + "' has as many levels ("
                        + used + ") as observations; its random effects cannot be separated from the residual");
            }
            if (f.q() > 1 && (long) used * f.q() >= n) {
                throw new EstimationException("the term(s) on '" + f.name() + "' need " + (long) used * f.q()
                        + " random effects but there are only " + n + " observations; simplify the random part");
            }
        }
    }

    public List<Factor> factors() {
        return factors;
    }

    /** Terms in lme4's order (the order of VarCorr and of theta in lme4's output). */
    public List<Term> terms() {
        return terms;
    }

    public int thetaCount() {
        return thetaCount;
    }

    /**
     * True when every level of each factor lies in exactly one level of the next (coarser) factor, so the
     * blocked Cholesky has no fill-in.
     */
    public boolean isNested() {
        for (int k = 0; k + 1 < factors.size(); k++) {
            if (parents(k) == null) return false;
        }
        return true;
    }

    /** For each level of factor k, its level in factor k+1; null when some level maps to two. */
    int[] parents(int k) {
        Factor f = factors.get(k);
        Factor g = factors.get(k + 1);
        int[] parent = new int[f.levelCount()];
        java.util.Arrays.fill(parent, -1);
        int[] a = f.levelOfRow();
        int[] b = g.levelOfRow();
        for (int i = 0; i < a.length; i++) {
            int p = parent[a[i]];
            if (p < 0) parent[a[i]] = b[i];
            else if (p != b[i]) return null;
        }
        return parent;
    }

    /** Lower bounds of theta: 0 on the diagonal of each term's factor, -infinity elsewhere. */
    public double[] lowerBounds() {
        double[] lb = new double[thetaCount];
        for (Term t : terms) {
            int idx = t.thetaOffset();
            for (int c = 0; c < t.q(); c++)
                for (int r = c; r < t.q(); r++) lb[idx++] = r == c ? 0.0 : Double.NEGATIVE_INFINITY;
        }
        return lb;
    }

    /** lme4's start: identity factors. */
    public double[] initialTheta() {
        double[] lb = lowerBounds();
        double[] th = new double[thetaCount];
        for (int i = 0; i < th.length; i++) th[i] = lb[i] == 0.0 ? 1.0 : 0.0;
        return th;
    }

    /** Lambda_k (q_k x q_k, row-major lower triangular, block diagonal over the factor's terms). */
    public double[][] lambdas(double[] theta) {
        double[][] out = new double[factors.size()][];
        for (int k = 0; k < factors.size(); k++) {
            Factor f = factors.get(k);
            double[] lam = new double[f.q() * f.q()];
            for (Term t : f.terms()) {
                int idx = t.thetaOffset();
                for (int c = 0; c < t.q(); c++)
                    for (int r = c; r < t.q(); r++) lam[(t.offset() + r) * f.q() + t.offset() + c] = theta[idx++];
            }
            out[k] = lam;
        }
        return out;
    }

    /** Lambda_t Lambda_t^T of one term (q_t x q_t). */
    public double[][] relativeCovariance(Term t, double[] theta) {
        int q = t.q();
        double[][] l = new double[q][q];
        int idx = t.thetaOffset();
        for (int c = 0; c < q; c++)
            for (int r = c; r < q; r++) l[r][c] = theta[idx++];
        double[][] out = new double[q][q];
        for (int i = 0; i < q; i++)
            for (int j = 0; j < q; j++) {
                double s = 0;
                for (int k = 0; k < q; k++) s += l[i][k] * l[j][k];
                out[i][j] = s;
            }
        return out;
    }
}
