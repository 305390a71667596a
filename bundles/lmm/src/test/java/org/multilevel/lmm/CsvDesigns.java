package org.multilevel.lmm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.FixedDesign;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.model.RandomTerm;

/**
 * Test fixture: model frames for simple formulas built straight from the reference CSVs (numeric columns,
 * products written "a:b", grouping factors and their interactions), standing in for the formula module.
 */
final class CsvDesigns {
    static final Path SHARED = Path.of(System.getProperty("user.dir")).resolve("../../../shared").normalize();

    /** A random term: group as lme4 names it ("cask:batch"), effects ("(Intercept)", "cses"). */
    record Re(String group, List<String> effects) {
    }

    private final Map<String, String[]> columns = new HashMap<>();
    private final int rows;

    CsvDesigns(String file) {
        try {
            List<String> lines = Files.readAllLines(SHARED.resolve("data").resolve(file));
            String[] header = split(lines.get(0));
            rows = lines.size() - 1;
            String[][] cols = new String[header.length][rows];
            for (int i = 0; i < rows; i++) {
                String[] f = split(lines.get(i + 1));
                for (int c = 0; c < header.length; c++) cols[c][i] = f[c];
            }
            for (int c = 0; c < header.length; c++) columns.put(header[c], cols[c]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] split(String line) {
        String[] f = line.split(",", -1);
        for (int i = 0; i < f.length; i++) f[i] = f[i].replace("\"", "").trim();
        return f;
    }

    double[] numeric(String expr) {
        double[] out = new double[rows];
        Arrays.fill(out, 1.0);
        if (expr.equals("(Intercept)")) return out;
        if (expr.startsWith("factor(")) {   // treatment-coded indicator: factor(Days)3
            int close = expr.indexOf(')');
            String[] c = columns.get(expr.substring(7, close));
            String level = expr.substring(close + 1);
            for (int i = 0; i < rows; i++) out[i] = c[i].equals(level) ? 1.0 : 0.0;
            return out;
        }
        for (String part : expr.split(":")) {
            String[] c = columns.get(part);
            if (c == null) throw new IllegalArgumentException("no column " + part);
            for (int i = 0; i < rows; i++) out[i] *= Double.parseDouble(c[i]);
        }
        return out;
    }

    DesignMatrices design(String formula, String response, List<String> fixed, List<Re> random) {
        double[] y = numeric(response);
        int p = fixed.size();
        double[] x = new double[rows * p];
        for (int j = 0; j < p; j++) {
            double[] col = numeric(fixed.get(j));
            for (int i = 0; i < rows; i++) x[i * p + j] = col[i];
        }
        int[] assign = new int[p];
        for (int j = 0; j < p; j++) assign[j] = fixed.get(j).equals("(Intercept)") ? -1 : j;
        FixedDesign fd = new FixedDesign(fixed, x, assign, fixed.stream().filter(s -> !s.equals("(Intercept)")).toList(),
                List.of());
        List<RandomTerm> terms = new ArrayList<>();
        for (Re re : random) {
            String[] parts = re.group().split(":");
            String[] label = new String[rows];
            for (int i = 0; i < rows; i++) {
                StringBuilder sb = new StringBuilder();
                for (String part : parts) {
                    if (sb.length() > 0) sb.append(':');
                    sb.append(columns.get(part)[i]);
                }
                label[i] = sb.toString();
            }
            List<String> levels = new ArrayList<>(new TreeSet<>(Arrays.asList(label)));
            Map<String, Integer> index = new HashMap<>();
            for (int l = 0; l < levels.size(); l++) index.put(levels.get(l), l);
            int[] lev = new int[rows];
            for (int i = 0; i < rows; i++) lev[i] = index.get(label[i]);
            int q = re.effects().size();
            double[] z = new double[rows * q];
            for (int k = 0; k < q; k++) {
                double[] col = numeric(re.effects().get(k));
                for (int i = 0; i < rows; i++) z[i * q + k] = col[i];
            }
            terms.add(new RandomTerm(re.group(), levels, lev, re.effects(), z));
        }
        int[] dataRows = new int[rows];
        for (int i = 0; i < rows; i++) dataRows[i] = i;
        return new DesignMatrices(ModelSpec.gaussian(formula), y, null, null, fd, terms, dataRows, List.of());
    }
}
