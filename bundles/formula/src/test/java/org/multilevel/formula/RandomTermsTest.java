package org.multilevel.formula;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.NumericColumn;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.model.RandomTerm;
import org.multilevel.transform.internal.CenteringService;

/** lme4's random-effects terms: ||, nesting with /, interaction groups, level names and order, Z. */
class RandomTermsTest {
    private final FormulaModelFrameBuilder builder = new FormulaModelFrameBuilder(new CenteringService());

    /** 24 rows: a in 2 levels, b in 3 levels within a (labels reused), c in 2 within b; numeric ids. */
    private static Dataset data() {
        int n = 24;
        String[] a = new String[n];
        String[] b = new String[n];
        String[] c = new String[n];
        String[] f = new String[n];
        double[] x = new double[n];
        double[] y = new double[n];
        double[] id = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = i < 12 ? "A" : "B";
            b[i] = "b" + ((i / 4) % 3 + 1);
            c[i] = "c" + ((i / 2) % 2 + 1);
            f[i] = (i % 3 == 0) ? "p" : (i % 3 == 1 ? "q" : "r");
            x[i] = i % 4;
            y[i] = Math.sin(i) * 3 + i * 0.1;
            id[i] = (i / 6) == 0 ? 1.5 : (i / 6) * 100;
        }
        return TestData.of("nested", TestData.categorical("a", a), TestData.categorical("b", b),
                TestData.categorical("c", c), TestData.categorical("f", f), new NumericColumn("x", x),
                new NumericColumn("y", y), new NumericColumn("id", id));
    }

    private List<RandomTerm> random(String formula) {
        return builder.build(data(), ModelSpec.gaussian(formula)).random();
    }

    @Test
    void doubleBarSplitsIntoOneTermPerEffect() {
        List<RandomTerm> r = random("y ~ x + (1 + x + f || a)");
        assertEquals(3, r.size());
        assertEquals(List.of("(Intercept)"), r.get(0).effectNames());
        assertEquals(List.of("x"), r.get(1).effectNames());
        assertEquals(List.of("fp", "fq", "fr"), r.get(2).effectNames()); // 0 + f: all levels, as lme4
        for (RandomTerm t : r) assertEquals("a", t.group());
        List<RandomTerm> noIntercept = random("y ~ x + (0 + x || a)");
        assertEquals(1, noIntercept.size());
    }

    @Test
    void correlatedTermsBuildZLikeModelMatrix() {
        RandomTerm t = random("y ~ x + (x | a)").get(0);
        assertEquals(List.of("(Intercept)", "x"), t.effectNames());
        assertEquals(List.of("A", "B"), t.levels());
        assertEquals(1.0, t.z()[2 * 5]);
        assertEquals(1.0, t.z()[2 * 5 + 1]); // x of row 5 is 1
        assertEquals(List.of("(Intercept)", "fq", "fr"), random("y ~ (f | a)").get(0).effectNames());
        assertEquals(List.of("x"), random("y ~ (-1 + x | a)").get(0).effectNames());
    }

    @Test
    void backQuotedGroupIsNamedWithoutQuotesAsLme4() {
        // R: d$`sub id` <- ...; m <- lmer(Reaction ~ Days + (1|`sub id`) + (1|`sub id`:`d g`), d)
        //    names(ngrps(m)) -> "`sub id`:`d g`" "sub id"  (a plain name loses its quotes, an interaction keeps them)
        Dataset d = data();
        Dataset quoted = TestData.of("quoted", d.column("y").orElseThrow(),
                renamed((org.multilevel.api.data.CategoricalColumn) d.column("a").orElseThrow(), "school id"),
                renamed((org.multilevel.api.data.CategoricalColumn) d.column("b").orElseThrow(), "class id"));
        List<RandomTerm> r = builder.build(quoted, ModelSpec.gaussian("y ~ 1 + (1 | `school id`) + (1 | `school id`:`class id`)")).random();
        assertEquals(List.of("`school id`:`class id`", "school id"), r.stream().map(RandomTerm::group).toList());
    }

    private static org.multilevel.api.data.CategoricalColumn renamed(org.multilevel.api.data.CategoricalColumn c, String name) {
        return new org.multilevel.api.data.CategoricalColumn(name, c.codes(), c.levels());
    }

    @Test
    void interactionGroupLevelsFollowRsLevelOrder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        String[] a = {"25-29", "<25", ">35", "30-35"};
        String[] b = {"x_1", "x-1", "X1"};
        int[] k = {10, 9, 100};
        StringBuilder csv = new StringBuilder("a,b,k,y\n");
        for (int i = 0; i < 24; i++) {
            csv.append(a[i / 6]).append(',').append(b[i % 3]).append(',').append(k[i % 3]).append(',').append(Math.sin(i)).append('\n');
        }
        java.nio.file.Path file = dir.resolve("ia.csv");
        java.nio.file.Files.writeString(file, csv);
        Dataset d = new org.multilevel.data.internal.CsvDataImporter().read(file, org.multilevel.api.data.ImportOptions.defaults());
        List<RandomTerm> r = builder.build(d, ModelSpec.gaussian("y ~ 1 + (1 | a:b) + (1 | k:a)")).random();
        // R: d <- read.csv(that file, stringsAsFactors = TRUE); m <- lmer(y ~ 1 + (1 | a:b) + (1 | k:a), d, ...)
        //    rownames(ranef(m)[["a:b"]]); rownames(ranef(m)[["k:a"]])
        assertEquals(List.of("<25:x_1", "<25:x-1", "<25:X1", ">35:x_1", ">35:x-1", ">35:X1", "25-29:x_1", "25-29:x-1",
                "25-29:X1", "30-35:x_1", "30-35:x-1", "30-35:X1"), r.get(0).levels());
        assertEquals(List.of("9:<25", "9:>35", "9:25-29", "9:30-35", "10:<25", "10:>35", "10:25-29", "10:30-35",
                "100:<25", "100:>35", "100:25-29", "100:30-35"), r.get(1).levels());
    }

    @Test
    void nestingExpandsAsLme4() {
        List<RandomTerm> r = random("y ~ 1 + (1 | a/b)");
        assertEquals(List.of("b:a", "a"), r.stream().map(RandomTerm::group).toList());
        assertEquals(List.of("b1:A", "b1:B", "b2:A", "b2:B", "b3:A", "b3:B"), r.get(0).levels());
        assertEquals("b1:A", r.get(0).levels().get(r.get(0).levelOfRow()[0]));
        assertEquals("b2:B", r.get(0).levels().get(r.get(0).levelOfRow()[16]));

        List<RandomTerm> three = random("y ~ 1 + (1 | a/b/c)");
        assertEquals(List.of("c:(b:a)", "b:a", "a"), three.stream().map(RandomTerm::group).toList());
        assertEquals(12, three.get(0).levelCount());
        assertEquals("c1:b1:A", three.get(0).levels().get(0));
        assertEquals("c2:b3:B", three.get(0).levels().get(three.get(0).levelOfRow()[23]));
    }

    @Test
    void interactionGroupsAndCrossedTerms() {
        List<RandomTerm> r = random("y ~ (1 | a:b) + (1 | f)");
        assertEquals("a:b", r.get(0).group());
        assertEquals(List.of("A:b1", "A:b2", "A:b3", "B:b1", "B:b2", "B:b3"), r.get(0).levels());
        assertEquals("f", r.get(1).group());
        // lme4 orders terms by decreasing number of levels when a later term has more
        List<RandomTerm> reordered = random("y ~ (1 | a) + (1 | a:b)");
        assertEquals(List.of("a:b", "a"), reordered.stream().map(RandomTerm::group).toList());
    }

    @Test
    void numericIdsBecomeLevelsPrintedLikeR() {
        RandomTerm t = random("y ~ (1 | id)").get(0);
        assertEquals(List.of("1.5", "100", "200", "300"), t.levels());
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 1}, java.util.Arrays.copyOf(t.levelOfRow(), 7));
    }

    @Test
    void sleepstudyIdsAreIntegers() {
        DesignMatrices d = builder.build(TestData.read("sleepstudy.csv"), ModelSpec.gaussian("Reaction ~ Days + (Days || Subject)"));
        assertEquals(List.of("308", "309", "310"), d.random().get(0).levels().subList(0, 3));
        assertEquals(2, d.random().size());
        assertEquals(List.of("Days"), d.random().get(1).effectNames());
    }

    @Test
    void formulasOfTheDerivedAndInferenceReferences() {
        DesignMatrices days = builder.build(TestData.read("sleepstudy.csv"), ModelSpec.gaussian("Reaction ~ factor(Days) + (1 | Subject)"));
        assertEquals(10, days.fixed().columns());
        assertEquals("factor(Days)1", days.fixed().columnNames().get(1));
        assertEquals("factor(Days)9", days.fixed().columnNames().get(9));
        assertEquals(List.of("factor(Days)"), days.fixed().termLabels());
        DesignMatrices ols = builder.build(TestData.read("hsb.csv"), ModelSpec.gaussian("math ~ sector"));
        assertEquals(List.of("(Intercept)", "sector"), ols.fixed().columnNames());
        assertEquals(0, ols.random().size());
    }
}
