package org.multilevel.glmm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.FixedDesign;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.model.RandomTerm;

/**
 * Model frames for the GLMM reference formulas built directly from the shared CSVs (stand-in for the formula
 * bundle while it is being written): factors with sorted levels, treatment contrasts, cbind, scale().
 */
final class Fixtures {
    static final Path SHARED = Path.of(System.getProperty("user.dir")).resolve("../../../shared").normalize();

    private Fixtures() {
    }

    /** A CSV as columns of strings (quotes removed). */
    static Map<String, List<String>> csv(String name) {
        try {
            List<String> lines = Files.readAllLines(SHARED.resolve("data").resolve(name));
            String[] header = split(lines.get(0));
            Map<String, List<String>> cols = new LinkedHashMap<>();
            for (String h : header) cols.put(h, new ArrayList<>());
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) continue;
                String[] f = split(lines.get(i));
                for (int j = 0; j < header.length; j++) cols.get(header[j]).add(f[j]);
            }
            return cols;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] split(String line) {
        String[] f = line.split(",", -1);
        for (int i = 0; i < f.length; i++) f[i] = f[i].replace("\"", "");
        return f;
    }

    static double[] num(List<String> c) {
        return c.stream().mapToDouble(Double::parseDouble).toArray();
    }

    /** Levels sorted as R sorts a factor: numerically for numbers, else as text. */
    static List<String> levels(List<String> c) {
        boolean numeric = c.stream().allMatch(s -> s.matches("-?[0-9.]+"));
        Comparator<String> cmp = numeric ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder();
        TreeSet<String> set = new TreeSet<>(cmp);
        set.addAll(c);
        return new ArrayList<>(set);
    }

    static RandomTerm intercept(String group, List<String> c) {
        List<String> lv = levels(c);
        Map<String, Integer> idx = new LinkedHashMap<>();
        for (int i = 0; i < lv.size(); i++) idx.put(lv.get(i), i);
        int[] of = new int[c.size()];
        double[] z = new double[c.size()];
        for (int i = 0; i < of.length; i++) {
            of[i] = idx.get(c.get(i));
            z[i] = 1;
        }
        return new RandomTerm(group, lv, of, List.of("(Intercept)"), z);
    }

    /** Builds X from an intercept plus blocks of columns. */
    static final class X {
        final List<String> names = new ArrayList<>();
        final List<double[]> columns = new ArrayList<>();
        final List<Integer> assign = new ArrayList<>();
        final List<String> terms = new ArrayList<>();
        final int n;

        X(int n) {
            this.n = n;
            double[] one = new double[n];
            java.util.Arrays.fill(one, 1);
            names.add("(Intercept)");
            columns.add(one);
            assign.add(-1);
        }

        X numeric(String term, double[] v) {
            terms.add(term);
            names.add(term);
            columns.add(v);
            assign.add(terms.size() - 1);
            return this;
        }

        X factor(String term, List<String> c) {
            terms.add(term);
            List<String> lv = levels(c);
            for (int k = 1; k < lv.size(); k++) {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) v[i] = c.get(i).equals(lv.get(k)) ? 1 : 0;
                names.add(term + lv.get(k));
                columns.add(v);
                assign.add(terms.size() - 1);
            }
            return this;
        }

        FixedDesign build() {
            int p = names.size();
            double[] values = new double[n * p];
            for (int i = 0; i < n; i++) for (int j = 0; j < p; j++) values[i * p + j] = columns.get(j)[i];
            return new FixedDesign(names, values, assign.stream().mapToInt(Integer::intValue).toArray(), terms, List.of());
        }
    }

    static int[] rows(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    static DesignMatrices cbpp() {
        Map<String, List<String>> d = csv("cbpp.csv");
        double[] inc = num(d.get("incidence"));
        double[] size = num(d.get("size"));
        int n = inc.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = inc[i] / size[i];
        FixedDesign x = new X(n).factor("factor(period)", d.get("period")).build();
        ModelSpec spec = ModelSpec.of("cbind(incidence, size - incidence) ~ factor(period) + (1 | herd)", Family.BINOMIAL);
        return new DesignMatrices(spec, y, size, null, x, List.of(intercept("herd", d.get("herd"))), rows(n), List.of());
    }

    static DesignMatrices cbpp(org.multilevel.api.model.Link link) {
        DesignMatrices d = cbpp();
        ModelSpec spec = new ModelSpec(d.spec().formula(), Family.BINOMIAL, link, Map.of(), List.of());
        return new DesignMatrices(spec, d.y(), d.weights(), null, d.fixed(), d.random(), d.dataRows(), List.of());
    }

    static DesignMatrices verbagg() {
        Map<String, List<String>> d = csv("verbagg.csv");
        int n = d.get("r2").size();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = d.get("r2").get(i).equals("Y") ? 1 : 0;
        FixedDesign x = new X(n).numeric("Anger", num(d.get("Anger"))).factor("Gender", d.get("Gender"))
                .factor("btype", d.get("btype")).factor("situ", d.get("situ")).build();
        ModelSpec spec = ModelSpec.of("r2 ~ Anger + Gender + btype + situ + (1 | id)", Family.BINOMIAL);
        return new DesignMatrices(spec, y, null, null, x, List.of(intercept("id", d.get("id"))), rows(n), List.of());
    }

    static DesignMatrices grouseticks() {
        Map<String, List<String>> d = csv("grouseticks.csv");
        double[] y = num(d.get("TICKS"));
        int n = y.length;
        double[] h = num(d.get("HEIGHT"));
        double mean = java.util.Arrays.stream(h).average().orElseThrow();
        double ss = 0;
        for (double v : h) ss += (v - mean) * (v - mean);
        double sd = Math.sqrt(ss / (n - 1));
        double[] sh = new double[n];
        for (int i = 0; i < n; i++) sh[i] = (h[i] - mean) / sd;
        FixedDesign x = new X(n).factor("factor(YEAR)", d.get("YEAR")).numeric("scale(HEIGHT)", sh).build();
        ModelSpec spec = ModelSpec.of("TICKS ~ factor(YEAR) + scale(HEIGHT) + (1 | BROOD) + (1 | LOCATION)", Family.POISSON);
        return new DesignMatrices(spec, y, null, null, x,
                List.of(intercept("BROOD", d.get("BROOD")), intercept("LOCATION", d.get("LOCATION"))), rows(n), List.of());
    }
}
