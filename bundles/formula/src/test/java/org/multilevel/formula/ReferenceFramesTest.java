package org.multilevel.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.multilevel.api.data.CategoricalColumn;
import org.multilevel.api.data.Column;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.NumericColumn;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.model.RandomTerm;
import org.multilevel.transform.internal.CenteringService;

/**
 * Every model of the shared reference cases: the frame built from the real CSV must have R's number of
 * observations, R's fixed-effect column names in R's order, lme4's grouping factors (names, level counts,
 * level names, effects), and X columns whose sums match a separate evaluation of each R column name.
 */
class ReferenceFramesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> files = Files.list(TestData.SHARED.resolve("reference"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void frameMatchesReference(Path file) throws IOException {
        JsonNode ref = JSON.readTree(file.toFile());
        Dataset data = TestData.read(ref.get("data").asText());
        Family family = ref.hasNonNull("family") ? Family.parse(ref.get("family").asText()) : Family.GAUSSIAN;
        FormulaModelFrameBuilder builder = new FormulaModelFrameBuilder(new CenteringService());
        List<String> formulas = new ArrayList<>();
        if (ref.has("formula")) formulas.add(ref.get("formula").asText());
        if (ref.has("formula0")) {
            formulas.add(ref.get("formula0").asText());
            formulas.add(ref.get("formula1").asText());
        }
        for (String formula : formulas) {
            DesignMatrices d = builder.build(data, ModelSpec.of(formula, family));
            JsonNode expected = ref.get("expected");
            if (expected.has("nobs")) {
                assertEquals(expected.get("nobs").asInt(), d.rows(), formula);
            } else {
                assertEquals(data.rows(), d.rows(), formula);
            }
            if (expected.has("fixed")) {
                List<String> terms = new ArrayList<>();
                expected.get("fixed").forEach(f -> terms.add(f.get("term").asText()));
                assertEquals(terms, d.fixed().columnNames(), formula);
            }
            if (expected.has("groups")) {
                Map<String, Integer> groups = new LinkedHashMap<>();
                for (RandomTerm t : d.random()) groups.put(t.group(), t.levelCount());
                Map<String, Integer> want = new LinkedHashMap<>();
                expected.get("groups").fields().forEachRemaining(e -> want.put(e.getKey(), e.getValue().asInt()));
                assertEquals(want, groups, formula);
            }
            if (expected.has("random")) {
                JsonNode random = expected.get("random");
                assertEquals(random.size(), d.random().size(), formula);
                for (int k = 0; k < random.size(); k++) {
                    String group = random.get(k).get("group").asText();
                    RandomTerm term = d.random().get(k);
                    // lme4 names a second term on the same factor "Subject.1"
                    String base = group.matches(".*\\.\\d+") && !data.column(group).isPresent()
                            ? group.substring(0, group.lastIndexOf('.')) : group;
                    assertEquals(base, term.group(), formula);
                    List<String> effects = new ArrayList<>();
                    random.get(k).get("terms").forEach(t -> effects.add(t.asText()));
                    assertEquals(effects, term.effectNames(), formula);
                }
            }
            if (expected.has("ranef")) {
                expected.get("ranef").fields().forEachRemaining(e -> {
                    RandomTerm term = d.random().stream().filter(t -> t.group().equals(e.getKey())).findFirst().orElse(null);
                    assertNotNull(term, e.getKey());
                    e.getValue().get("levels").forEach(l ->
                            assertTrue(term.levels().contains(l.get("level").asText()), e.getKey() + " level " + l.get("level")));
                });
            }
            assertColumnSums(data, d, formula);
        }
    }

    /** Sums each column of X and compares with the same column computed from its R name straight from the data. */
    private static void assertColumnSums(Dataset data, DesignMatrices d, String formula) {
        int p = d.fixed().columns();
        int[] rows = d.dataRows();
        for (int j = 0; j < p; j++) {
            String name = d.fixed().columnNames().get(j);
            double sum = 0;
            double independent = 0;
            double[] partValues = null;
            for (String part : name.split(":")) {
                double[] v = evaluateName(data, part, rows);
                if (partValues == null) {
                    partValues = v;
                } else {
                    for (int i = 0; i < v.length; i++) partValues[i] *= v[i];
                }
            }
            for (int i = 0; i < rows.length; i++) {
                sum += d.fixed().get(i, j);
                independent += partValues[i];
            }
            assertEquals(independent, sum, 1e-9 * Math.max(1, Math.abs(independent)), formula + " column " + name);
        }
    }

    private static double[] evaluateName(Dataset data, String name, int[] rows) {
        double[] out = new double[rows.length];
        if (name.equals("(Intercept)")) {
            java.util.Arrays.fill(out, 1);
            return out;
        }
        if (name.startsWith("scale(")) {
            double[] x = evaluateName(data, name.substring(6, name.length() - 1), rows);
            double mean = 0;
            for (double v : x) mean += v / x.length;
            double ss = 0;
            for (double v : x) ss += (v - mean) * (v - mean);
            double sd = Math.sqrt(ss / (x.length - 1));
            for (int i = 0; i < x.length; i++) out[i] = (x[i] - mean) / sd;
            return out;
        }
        if (name.startsWith("factor(")) {
            int close = name.indexOf(')');
            NumericColumn c = (NumericColumn) data.column(name.substring(7, close)).orElseThrow();
            double level = Double.parseDouble(name.substring(close + 1));
            for (int i = 0; i < rows.length; i++) out[i] = c.values()[rows[i]] == level ? 1 : 0;
            return out;
        }
        Column c = data.column(name).orElse(null);
        if (c instanceof NumericColumn num) {
            for (int i = 0; i < rows.length; i++) out[i] = num.values()[rows[i]];
            return out;
        }
        // a categorical column followed by its level, e.g. btypescold
        for (Column col : data.columns()) {
            if (col instanceof CategoricalColumn cat && name.startsWith(cat.name())) {
                String level = name.substring(cat.name().length());
                if (cat.levels().contains(level)) {
                    for (int i = 0; i < rows.length; i++) out[i] = level.equals(cat.levelOf(rows[i])) ? 1 : 0;
                    return out;
                }
            }
        }
        throw new AssertionError("cannot evaluate column name " + name);
    }
}
