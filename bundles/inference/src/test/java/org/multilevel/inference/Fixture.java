package org.multilevel.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.FixedDesign;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.model.RandomTerm;

/**
 * Test fixture: reads a CSV of the shared reference data and builds DesignMatrices for simple model
 * specifications (products of numeric columns, factor indicators, random terms over one or more columns), so
 * that inference can be tested without the formula bundle.
 */
final class Fixture {
    static final Path SHARED = Path.of(System.getProperty("user.dir")).resolve("../../../shared").normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, String[]> columns = new LinkedHashMap<>();
    final int rows;

    private Fixture(Map<String, String[]> cols) {
        columns.putAll(cols);
        rows = cols.values().iterator().next().length;
    }

    static Fixture csv(String name) {
        try {
            List<String> lines = Files.readAllLines(SHARED.resolve("data").resolve(name));
            String[] header = split(lines.get(0));
            List<String[]> data = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isBlank()) data.add(split(line));
            }
            Map<String, String[]> cols = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                String[] v = new String[data.size()];
                for (int i = 0; i < v.length; i++) v[i] = data.get(i)[c];
                cols.put(header[c], v);
            }
            return new Fixture(cols);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode reference(String file) {
        try {
            return JSON.readTree(SHARED.resolve("reference").resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] split(String line) {
        String[] parts = line.split(",", -1);
        for (int i = 0; i < parts.length; i++) parts[i] = parts[i].replace("\"", "").trim();
        return parts;
    }

    /** Rows 0..n-1 only. */
    Fixture head(int n) {
        Map<String, String[]> cols = new LinkedHashMap<>();
        columns.forEach((k, v) -> cols.put(k, Arrays.copyOf(v, n)));
        return new Fixture(cols);
    }

    double[] numeric(String name) {
        if (name.equals("(Intercept)")) {
            double[] one = new double[rows];
            Arrays.fill(one, 1.0);
            return one;
        }
        if (name.contains(":")) {
            double[] out = null;
            for (String part : name.split(":")) {
                double[] v = numeric(part);
                if (out == null) out = v.clone();
                else for (int i = 0; i < rows; i++) out[i] *= v[i];
            }
            return out;
        }
        if (name.contains("==")) {
            String[] kv = name.split("==");
            String[] v = columns.get(kv[0]);
            double[] out = new double[rows];
            for (int i = 0; i < rows; i++) out[i] = v[i].equals(kv[1]) ? 1 : 0;
            return out;
        }
        String[] v = columns.get(name);
        if (v == null) throw new IllegalArgumentException("no column " + name);
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) out[i] = Double.parseDouble(v[i]);
        return out;
    }

    /** Sorted levels of the interaction of the given columns (numeric order where all are numbers). */
    List<String> levels(String... cols) {
        String[] keys = keys(cols);
        boolean numeric = cols.length == 1 && Arrays.stream(keys).allMatch(Fixture::isNumber);
        TreeSet<String> set = numeric
                ? new TreeSet<>((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)))
                : new TreeSet<>();
        set.addAll(Arrays.asList(keys));
        return new ArrayList<>(set);
    }

    private String[] keys(String... cols) {
        String[] keys = new String[rows];
        for (int i = 0; i < rows; i++) {
            StringBuilder sb = new StringBuilder();
            for (int c = cols.length - 1; c >= 0; c--) {
                if (sb.length() > 0) sb.append(':');
                sb.append(columns.get(cols[c])[i]);
            }
            keys[i] = sb.toString();
        }
        return keys;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Random term over the interaction of {@code groupCols} (outer first, as in batch/cask) with the effects. */
    RandomTerm term(String group, String[] groupCols, String... effects) {
        List<String> levels = levels(groupCols);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int l = 0; l < levels.size(); l++) index.put(levels.get(l), l);
        String[] keys = keys(groupCols);
        int[] levelOfRow = new int[rows];
        for (int i = 0; i < rows; i++) levelOfRow[i] = index.get(keys[i]);
        int q = effects.length;
        double[] z = new double[rows * q];
        for (int e = 0; e < q; e++) {
            double[] v = numeric(effects[e]);
            for (int i = 0; i < rows; i++) z[i * q + e] = v[i];
        }
        return new RandomTerm(group, levels, levelOfRow, List.of(effects), z);
    }

    /** X from named columns (see {@link #numeric}); assign and term labels as given. */
    FixedDesign fixed(List<String> names, int[] assign, List<String> termLabels) {
        return fixed(names, names, assign, termLabels);
    }

    /** X from column specifications (see {@link #numeric}) under the given column names. */
    FixedDesign fixed(List<String> specs, List<String> names, int[] assign, List<String> termLabels) {
        int p = names.size();
        double[] x = new double[rows * p];
        for (int j = 0; j < p; j++) {
            double[] v = numeric(specs.get(j));
            for (int i = 0; i < rows; i++) x[i * p + j] = v[i];
        }
        return new FixedDesign(names, x, assign, termLabels, List.of());
    }

    DesignMatrices design(String formula, String response, FixedDesign fixed, List<RandomTerm> random) {
        int[] dataRows = new int[rows];
        for (int i = 0; i < rows; i++) dataRows[i] = i;
        return new DesignMatrices(ModelSpec.gaussian(formula), numeric(response), null, null, fixed, random,
                dataRows, List.of());
    }

    /** Fixed design where every column is its own term (intercept assign -1). */
    FixedDesign fixed(String... names) {
        int[] assign = new int[names.length];
        List<String> labels = new ArrayList<>();
        int t = 0;
        for (int j = 0; j < names.length; j++) {
            if (names[j].equals("(Intercept)")) assign[j] = -1;
            else {
                assign[j] = t++;
                labels.add(names[j]);
            }
        }
        return fixed(List.of(names), assign, labels);
    }
}
