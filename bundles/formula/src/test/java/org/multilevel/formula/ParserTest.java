package org.multilevel.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.multilevel.api.model.FormulaException;
import org.multilevel.formula.internal.Deparse;
import org.multilevel.formula.internal.Parser;
import org.multilevel.formula.internal.TermExpander;
import org.multilevel.formula.internal.Terms;

/** The parser and R's expansion of terms (terms.formula): labels, order, intercept, precedence. */
class ParserTest {

    private static Terms terms(String formula) {
        return TermExpander.expand(Parser.parseFormula(formula).rhs(), true, formula);
    }

    private static List<String> labels(String formula) {
        return terms(formula).labels();
    }

    @Test
    void crossingDistributesAndOrdersByDegree() {
        assertEquals(List.of("a", "b", "a:b"), labels("y ~ a * b"));
        assertEquals(List.of("a", "b", "c", "a:b", "a:c", "b:c"), labels("y ~ (a + b + c)^2"));
        assertEquals(List.of("a", "b", "c", "a:b", "a:c"), labels("y ~ a * (b + c)"));
        assertEquals(List.of("a", "b", "c", "a:c", "b:c"), labels("y ~ (a + b) * c"));
        assertEquals(List.of("a", "b", "c", "a:b", "a:c", "b:c"), labels("y ~ a * b * c - a:b:c"));
        assertEquals(List.of("b", "a:b"), labels("y ~ a * b - a"));
        assertEquals(List.of("a", "a:b"), labels("y ~ a / b"));
        assertEquals(List.of("x"), labels("y ~ x + x"));
    }

    @Test
    void interactionLabelsFollowTheOrderOfFirstAppearance() {
        // R writes cses:sector because cses appears before sector in the formula
        assertEquals(List.of("meanses", "cses", "sector", "meanses:cses", "cses:sector"),
                labels("math ~ meanses * cses + sector * cses + (1 + cses | school)"));
        assertEquals(List.of("a", "b:a"), labels("y ~ b:a + a"));
    }

    @Test
    void interceptRules() {
        assertTrue(terms("y ~ x").intercept());
        assertFalse(terms("y ~ x - 1").intercept());
        assertFalse(terms("y ~ 0 + x").intercept());
        assertFalse(terms("y ~ -1 + x").intercept());
        assertTrue(terms("y ~ 0 + x + 1").intercept());
        assertTrue(terms("y ~ 1").intercept());
        assertTrue(terms("y ~ 1").terms().isEmpty());
    }

    @Test
    void termNamesAreDeparsedLikeR() {
        assertEquals(List.of("I(x^2)", "log(x)", "I(x * 2)", "I(x - 1)", "I((x + 1)^2)", "I(x/1e+05)", "I(-x)"),
                labels("y ~ I(x^2) + log(x) + I(x*2) + I(x-1) + I((x+1)^2) + I(x/100000) + I(-x)"));
        assertEquals(List.of("factor(period)", "scale(HEIGHT)", "cwc(ses, school)"),
                labels("y ~ factor(period) + scale(HEIGHT) + cwc(ses,school)"));
        assertEquals(List.of("`my var`", "x_1"), labels("y ~ `my var` + x_1"));
    }

    @Test
    void randomTermsAndOffsetsAreSetApart() {
        Terms t = terms("y ~ x + (1 | g) + offset(log(e)) + (x || h)");
        assertEquals(List.of("x"), t.labels());
        assertEquals(2, t.bars().size());
        assertEquals("1 | g", Deparse.of(t.bars().get(0)));
        assertEquals("x || h", Deparse.of(t.bars().get(1)));
        assertEquals("log(e)", Deparse.of(t.offsets().get(0)));
    }

    @Test
    void precedenceFollowsR() {
        assertEquals("-2^2", Deparse.of(Parser.parseFormula("y ~ -2^2").rhs()));
        Parser.Formula f = Parser.parseFormula("y ~ a + b:c * d");
        assertEquals("a + b:c * d", Deparse.of(f.rhs()));
        assertEquals(List.of("a", "d", "b:c", "b:c:d"), labels("y ~ a + b:c * d"));
        assertEquals("cbind(s, n - s)", Deparse.of(Parser.parseFormula("cbind(s, n - s) ~ x").lhs()));
    }

    @Test
    void syntaxErrorsPointAtThePosition() {
        FormulaException e = assertThrows(FormulaException.class, () -> Parser.parseFormula("math ~ ses + )"));
        assertEquals(13, e.position());
        assertEquals("unexpected ')' at position 14: math ~ ses + )", e.getMessage());

        e = assertThrows(FormulaException.class, () -> Parser.parseFormula("math ~ ses + (1 | school"));
        assertTrue(e.getMessage().contains("missing ')'"), e.getMessage());

        e = assertThrows(FormulaException.class, () -> Parser.parseFormula("math ~ ses +"));
        assertTrue(e.getMessage().contains("ends unexpectedly"), e.getMessage());

        e = assertThrows(FormulaException.class, () -> Parser.parseFormula("math ses"));
        assertEquals(5, e.position());

        e = assertThrows(FormulaException.class, () -> Parser.parseFormula("math ~ ses $ x"));
        assertEquals(11, e.position());

        e = assertThrows(FormulaException.class, () -> Parser.parseFormula("math ~ `ses"));
        assertTrue(e.getMessage().contains("unclosed backquote"), e.getMessage());

        e = assertThrows(FormulaException.class, () -> Parser.parseFormula("~ ses"));
        assertTrue(e.getMessage().contains("no response"), e.getMessage());

        e = assertThrows(FormulaException.class, () -> Parser.parseFormula("   "));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());

        e = assertThrows(FormulaException.class, () -> terms("y ~ x + 2"));
        assertEquals(8, e.position());

        e = assertThrows(FormulaException.class, () -> terms("y ~ x * (1 | g)"));
        assertTrue(e.getMessage().contains("(1 | g)"), e.getMessage());

        e = assertThrows(FormulaException.class, () -> terms("y ~ (a + b)^x"));
        assertTrue(e.getMessage().contains("whole number"), e.getMessage());
    }
}
