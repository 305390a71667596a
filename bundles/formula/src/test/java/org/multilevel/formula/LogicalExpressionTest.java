package org.multilevel.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.formula.internal.Deparse;
import org.multilevel.formula.internal.Parser;
import org.multilevel.transform.internal.CenteringService;

/**
 * R's comparisons and logical operators in the formula (issue 9.3): precedence, R's column names, NA rows,
 * text comparisons and the refusals. The expected names and row counts are R's (R 4.x, lme4 1.1):
 * {@code colnames(model.matrix(lmer(...)))} and {@code nobs(...)}, written beside each case.
 */
class LogicalExpressionTest {
    private final FormulaModelFrameBuilder builder = new FormulaModelFrameBuilder(new CenteringService());
    private final Dataset sleep = TestData.read("sleepstudy.csv");
    private final Dataset hsb = TestData.read("hsb.csv");
    private final Dataset pastes = TestData.read("pastes.csv");

    private DesignMatrices build(Dataset data, String formula) {
        return builder.build(data, ModelSpec.gaussian(formula));
    }

    private static double[] column(DesignMatrices d, String name) {
        int p = d.fixed().columns();
        int j = d.fixed().columnNames().indexOf(name);
        assertTrue(j >= 0, name + " in " + d.fixed().columnNames());
        double[] out = new double[d.rows()];
        for (int i = 0; i < out.length; i++) out[i] = d.fixed().values()[i * p + j];
        return out;
    }

    private static int sum(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return (int) s;
    }

    @Test
    void precedenceIsRs() {
        // R: quote(!a > 2 & b == 1 | c) is `|`(`&`(!(a > 2), b == 1), c); arithmetic binds tighter than comparison
        assertEquals("((!(a > 2) & (b == 1)) | c)", shape(Parser.parseFormula("y ~ I(!a > 2 & b == 1 | c)").rhs()));
        assertEquals("((a - 1) > (2 * 2))", shape(Parser.parseFormula("y ~ I(a - 1 > 2 * 2)").rhs()));
        assertEquals("(1 + !(a > 2))", shape(Parser.parseFormula("y ~ I(1 + !a > 2)").rhs()));
        // deparse as R prints it: spaces round comparisons and & |, no space after !, strings in double quotes
        assertEquals("y ~ I(!a > 2 & b == \"F\" | c != 0)", Deparse.of(Parser.parseFormula("y~I(!a>2&b=='F'|c!=0)").lhs())
                + " ~ " + Deparse.of(Parser.parseFormula("y~I(!a>2&b=='F'|c!=0)").rhs()));
    }

    /** The tree with every binary operation in parentheses, to see the grouping. */
    private static String shape(org.multilevel.formula.internal.Node node) {
        if (node instanceof org.multilevel.formula.internal.Node.Call c && c.fn().equals("I")) return shape(c.args().get(0));
        if (node instanceof org.multilevel.formula.internal.Node.Paren p) return shape(p.inner());
        if (node instanceof org.multilevel.formula.internal.Node.Binary b) {
            return "(" + shape(b.left()) + " " + b.op() + " " + shape(b.right()) + ")";
        }
        if (node instanceof org.multilevel.formula.internal.Node.Unary u) return u.op() + shape(u.operand());
        String s = Deparse.of(node);
        return s;
    }

    @Test
    void aLogicalIsAFactorWithFalseAsReference() {
        // R: colnames(model.matrix(lmer(Reaction ~ I(Days > 2) + (1 | Subject), sleepstudy)))
        //    "(Intercept)" "I(Days > 2)TRUE"; 7 of 10 days are > 2, so 18 * 7 = 126 rows
        DesignMatrices d = build(sleep, "Reaction ~ I(Days > 2) + (1 | Subject)");
        assertEquals(List.of("(Intercept)", "I(Days > 2)TRUE"), d.fixed().columnNames());
        assertEquals(126, sum(column(d, "I(Days > 2)TRUE")));
        // "(Intercept)" "I(!Days > 2)TRUE": ! applies to the comparison
        d = build(sleep, "Reaction ~ I(!Days > 2) + (1 | Subject)");
        assertEquals(List.of("(Intercept)", "I(!Days > 2)TRUE"), d.fixed().columnNames());
        assertEquals(54, sum(column(d, "I(!Days > 2)TRUE")));
        // lm(Reaction ~ I(Days > 2 & Days < 7 | Days == 0)): & before |, days 0, 3, 4, 5, 6 -> 90 rows
        d = build(sleep, "Reaction ~ I(Days > 2 & Days < 7 | Days == 0) + (1 | Subject)");
        assertEquals("I(Days > 2 & Days < 7 | Days == 0)TRUE", d.fixed().columnNames().get(1));
        assertEquals(90, sum(column(d, "I(Days > 2 & Days < 7 | Days == 0)TRUE")));
        // "(Intercept)" "Days" "I(Days > 4)TRUE" "Days:I(Days > 4)TRUE"
        d = build(sleep, "Reaction ~ Days * I(Days > 4) + (1 | Subject)");
        assertEquals(List.of("(Intercept)", "Days", "I(Days > 4)TRUE", "Days:I(Days > 4)TRUE"), d.fixed().columnNames());
        // in arithmetic a logical is 0/1: "I((Days > 4) * 10)", values 0 and 10
        d = build(sleep, "Reaction ~ I((Days > 4) * 10) + (1 | Subject)");
        assertEquals(90 * 10, sum(column(d, "I((Days > 4) * 10)")));
    }

    @Test
    void textColumnsCompareWithQuotedStrings() {
        // R: lmer(strength ~ I(cask == "a") + (1 | batch), Pastes): "I(cask == \"a\")TRUE", 20 of 60 rows
        DesignMatrices d = build(pastes, "strength ~ I(cask == \"a\") + (1 | batch)");
        assertEquals(List.of("(Intercept)", "I(cask == \"a\")TRUE"), d.fixed().columnNames());
        assertEquals(20, sum(column(d, "I(cask == \"a\")TRUE")));
        // single quotes deparse as double quotes: "I(cask != \"b\" & batch == \"A\")TRUE", 4 rows (batch A, casks a, c)
        d = build(pastes, "strength ~ I(cask != 'b' & batch == \"A\") + (1 | batch)");
        assertEquals("I(cask != \"b\" & batch == \"A\")TRUE", d.fixed().columnNames().get(1));
        assertEquals(4, sum(column(d, "I(cask != \"b\" & batch == \"A\")TRUE")));
        // hsb: "I(ses >= 0 & sector == 1)TRUE" "I(minority != 0)TRUE"
        d = build(hsb, "math ~ I(ses >= 0 & sector == 1) + I(minority != 0) + (1 | school)");
        assertEquals(List.of("(Intercept)", "I(ses >= 0 & sector == 1)TRUE", "I(minority != 0)TRUE"), d.fixed().columnNames());
    }

    @Test
    void naRowsAreDroppedAsRsNaOmitDoes() {
        // R: nobs(lmer(Reaction ~ I(log(Days - 1) > 0) + (1 | Subject), sleepstudy)) is 162 (log(-1) is NaN: NA, dropped)
        DesignMatrices d = build(sleep, "Reaction ~ I(log(Days - 1) > 0) + (1 | Subject)");
        assertEquals(162, d.rows());
        assertEquals(List.of("(Intercept)", "I(log(Days - 1) > 0)TRUE"), d.fixed().columnNames());
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("18 of 180 rows dropped") && n.contains("I(log(Days - 1) > 0)")),
                d.notes().toString());
        // NA & FALSE is FALSE in R, so no row is lost: Days 0 gives NaN > 0 (NA) & FALSE
        d = build(sleep, "Reaction ~ I(log(Days - 1) > 0 & Days > 100) + (1 | Subject)");
        assertEquals(180, d.rows());
    }

    @Test
    void anAllTrueLogicalIsDroppedAsRankDeficient() {
        // R: lmer(Reaction ~ Days + I(Days >= 0) + (1 | Subject)) says "fixed-effect model matrix is rank
        //    deficient so dropping 1 column / coefficient" and keeps "(Intercept)" "Days"
        DesignMatrices d = build(sleep, "Reaction ~ Days + I(Days >= 0) + (1 | Subject)");
        assertEquals(List.of("(Intercept)", "Days"), d.fixed().columnNames());
        assertEquals(List.of("I(Days >= 0)TRUE"), d.fixed().dropped());
        // all FALSE: the TRUE column is all zero, dropped the same way
        d = build(sleep, "Reaction ~ Days + I(Days > 100) + (1 | Subject)");
        assertEquals(List.of("I(Days > 100)TRUE"), d.fixed().dropped());
    }

    @Test
    void aLogicalResponseIsBinomial() {
        DesignMatrices d = builder.build(sleep, ModelSpec.of("I(Reaction > 300) ~ Days + (1 | Subject)", Family.BINOMIAL));
        int ones = 0;
        for (double v : d.y()) ones += (int) v;
        assertTrue(ones > 0 && ones < 180, "successes: " + ones);
    }

    private String fail(Dataset data, String formula) {
        MultilevelException e = assertThrows(MultilevelException.class, () -> build(data, formula));
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void impossibleRequestsAreRefusedClearly() {
        // R >= 4.3: 'length = 180' in coercion to 'logical(1)' error
        String m = fail(sleep, "Reaction ~ I(Days > 2 && Days < 5) + (1 | Subject)");
        assertTrue(m.contains("'&&' is not vectorised") && m.contains("use '&'"), m);
        m = fail(sleep, "Reaction ~ I(Days > 2 || Days < 5) + (1 | Subject)");
        assertTrue(m.contains("'||' is not vectorised") && m.contains("use '|'"), m);
        // R: a < b < c is a syntax error
        m = fail(sleep, "Reaction ~ I(1 < Days < 5) + (1 | Subject)");
        assertTrue(m.contains("do not chain"), m);
        // R: '>' not meaningful for factors
        m = fail(pastes, "strength ~ I(cask > \"a\") + (1 | batch)");
        assertTrue(m.contains("'>' cannot compare text"), m);
        // text is not a term, nor a number
        m = fail(pastes, "strength ~ \"a\" + (1 | batch)");
        assertTrue(m.contains("quoted text (\"a\") cannot be a model term"), m);
        m = fail(pastes, "strength ~ I(\"a\" * 2) + (1 | batch)");
        assertTrue(m.contains("quoted text (\"a\") can only be compared"), m);
        // a categorical operand of & is R's error too
        m = fail(pastes, "strength ~ I(cask & batch) + (1 | batch)");
        assertTrue(m.contains("'cask' is text or categorical"), m);
        // <- is assignment in R
        m = fail(sleep, "Reaction ~ I(Days<-2) + (1 | Subject)");
        assertTrue(m.contains("'<-'") && m.contains("assignment"), m);
        m = fail(sleep, "Reaction ~ I(Days == \"2) + (1 | Subject)");
        assertTrue(m.contains("unclosed quote"), m);
    }
}
