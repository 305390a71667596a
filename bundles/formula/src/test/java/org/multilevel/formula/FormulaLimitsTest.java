package org.multilevel.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.FormulaException;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.formula.internal.Parser;
import org.multilevel.transform.internal.CenteringService;

/** Issue 10: hostile formulas end in one clear error, never a StackOverflowError. */
class FormulaLimitsTest {
    private final FormulaModelFrameBuilder builder = new FormulaModelFrameBuilder(new CenteringService());
    private final Dataset sleep = TestData.read("sleepstudy.csv");

    static String nested(String open, String inner, String close, int depth) {
        return open.repeat(depth) + inner + close.repeat(depth);
    }

    private static String refused(String formula) {
        FormulaException e = assertThrows(FormulaException.class, () -> Parser.parseFormula(formula));
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().length() < 300, "the message does not repeat the formula: " + e.getMessage().length());
        return e.getMessage();
    }

    @Test
    void tenThousandParenthesesAreTooDeep() {
        String m = refused("Reaction ~ " + nested("(", "Days", ")", 10_000) + " + (1 | Subject)");
        assertTrue(m.startsWith("formula too deep: more than 200 levels"), m);
        m = refused("Reaction ~ I" + nested("(", "Days", ")", 10_000));
        assertTrue(m.startsWith("formula too deep"), m);
        m = refused("Reaction ~ " + nested("log(", "Days", ")", 5_000));
        assertTrue(m.startsWith("formula too deep"), m);
        m = refused("Reaction ~ I(" + "-".repeat(10_000) + "Days)");
        assertTrue(m.startsWith("formula too deep"), m);
        m = refused("Reaction ~ I(" + "!".repeat(10_000) + "Days)");
        assertTrue(m.startsWith("formula too deep"), m);
        m = refused("Reaction ~ I(Days" + "^Days".repeat(10_000) + ")");
        assertTrue(m.startsWith("formula too deep"), m);
    }

    @Test
    void nestingWithinTheLimitWorks() {
        DesignMatrices d = builder.build(sleep, ModelSpec.gaussian("Reaction ~ I" + nested("(", "Days", ")", 150) + " + (1 | Subject)"));
        assertEquals(2, d.fixed().columns());
    }

    @Test
    void a120KilobyteSumIsTooLong() {
        String sum = "Reaction ~ Days" + " + Days".repeat(120_000 / 7) + " + (1 | Subject)";
        assertTrue(sum.length() > 120_000);
        String m = refused(sum);
        assertTrue(m.startsWith("formula too long: " + sum.length() + " characters, the limit is 65536"), m);
    }

    @Test
    void aLongSumWithinTheLimitIsBuilt() {
        // just under 64 KB: the sum's tree is thousands of levels deep on its left, walked without recursion trouble
        String sum = "Reaction ~ Days" + " + Days".repeat(9_000) + " + I(Days^2) - Days + Days + (1 | Subject)";
        assertTrue(sum.length() < Parser.MAX_LENGTH);
        DesignMatrices d = builder.build(sleep, ModelSpec.gaussian(sum));
        assertEquals(java.util.List.of("(Intercept)", "I(Days^2)", "Days"), d.fixed().columnNames());
    }

    @Test
    void aLongSumInsideOneTermIsTooDeep() {
        // inside a term every operator is a level of its tree: I(x + x + ...) with 300 operators is refused
        String m = refused("Reaction ~ I(Days" + " + Days".repeat(300) + ") + (1 | Subject)");
        assertTrue(m.startsWith("formula too deep: the part at position"), m);
    }
}
