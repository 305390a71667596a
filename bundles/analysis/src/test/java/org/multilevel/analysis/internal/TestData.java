package org.multilevel.analysis.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.FixedDesign;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.model.RandomTerm;

/** Random-intercept terms and designs built straight from the shared data files (no other module needed). */
final class TestData {
    static final Path DATA = ChiBarSquareTest.SHARED.resolve("data");

    private TestData() {
    }

    /** The values of one column of a small quoted CSV. */
    static List<String> column(String file, String name) throws IOException {
        List<String> lines = Files.readAllLines(DATA.resolve(file));
        List<String> header = split(lines.get(0));
        int k = header.indexOf(name);
        List<String> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) out.add(split(line).get(k));
        return out;
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        for (String s : line.split(",", -1)) out.add(s.replace("\"", ""));
        return out;
    }

    /** (1 | group) where group joins the given columns with ':' (lme4's interaction factor). */
    static RandomTerm intercept(String file, String... columns) throws IOException {
        List<List<String>> values = new ArrayList<>();
        for (String c : columns) values.add(column(file, c));
        int n = values.get(0).size();
        Map<String, Integer> levels = new LinkedHashMap<>();
        int[] of = new int[n];
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            for (int c = columns.length - 1; c >= 0; c--) sb.append(c < columns.length - 1 ? ":" : "").append(values.get(c).get(i));
            of[i] = levels.computeIfAbsent(sb.toString(), k -> levels.size());
        }
        double[] z = new double[n];
        java.util.Arrays.fill(z, 1.0);
        String group = String.join(":", reversed(columns));
        return new RandomTerm(group, new ArrayList<>(levels.keySet()), of, List.of("(Intercept)"), z);
    }

    private static List<String> reversed(String[] a) {
        List<String> l = new ArrayList<>(List.of(a));
        java.util.Collections.reverse(l);
        return l;
    }

    /** An intercept-only design over the given rows with these random terms. */
    static DesignMatrices design(String formula, int[] dataRows, List<String> fixedColumns, List<RandomTerm> random) {
        int n = dataRows.length;
        int p = fixedColumns.size();
        double[] x = new double[n * p];
        java.util.Arrays.fill(x, 1.0);
        int[] assign = new int[p];
        FixedDesign fixed = new FixedDesign(fixedColumns, x, assign, fixedColumns, List.of());
        return new DesignMatrices(ModelSpec.gaussian(formula), new double[n], null, null, fixed, random, dataRows,
                List.of());
    }

    static int[] rows(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }
}
