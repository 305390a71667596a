package org.multilevel.derived;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.multilevel.api.MultilevelException;
import org.multilevel.derived.internal.ContrastParser;

class ContrastParserTest {
    private static final List<String> TERMS = List.of("(Intercept)", "cses", "meanses", "cses:sector", "I(ses^2)",
            "sector");

    @Test
    void namedDifference() {
        ContrastParser.Contrast c = ContrastParser.parse("contextual=meanses - cses", TERMS);
        assertEquals("contextual", c.name());
        assertEquals("meanses - cses", c.expression());
        assertArrayEquals(new double[] {0, -1, 1, 0, 0, 0}, c.weights());
    }

    @Test
    void coefficientsSignsAndNamesWithOperators() {
        ContrastParser.Contrast c = ContrastParser.parse(" 2*cses:sector -0.5 I(ses^2) + (Intercept) - -sector", TERMS);
        assertArrayEquals(new double[] {1, 0, 0, 2, -0.5, 1}, c.weights());
        assertEquals("2*cses:sector -0.5 I(ses^2) + (Intercept) - -sector", c.name());
    }

    @Test
    void longestNameWinsAndRepeatedTermsAddUp() {
        assertArrayEquals(new double[] {0, 0, 0, 1, 0, 0}, ContrastParser.parse("cses:sector", TERMS).weights());
        assertArrayEquals(new double[] {0, 3, 0, 0, 0, 0}, ContrastParser.parse("cses + 2 cses", TERMS).weights());
        assertArrayEquals(new double[] {0, 0, 0, 1e-1, 0, 0}, ContrastParser.parse("1e-1*`cses:sector`", TERMS).weights());
    }

    @Test
    void errorsNameTheProblem() {
        MultilevelException unknown = assertThrows(MultilevelException.class,
                () -> ContrastParser.parse("x=meanses - ses", TERMS));
        assertTrue(unknown.getMessage().contains("'ses' is not a fixed effect"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("meanses"), "lists the terms");
        assertThrows(MultilevelException.class, () -> ContrastParser.parse("meanses cses", TERMS));
        assertThrows(MultilevelException.class, () -> ContrastParser.parse("a=", TERMS));
        assertThrows(MultilevelException.class, () -> ContrastParser.parse("=cses", TERMS));
        MultilevelException cancel = assertThrows(MultilevelException.class,
                () -> ContrastParser.parse("cses - cses", TERMS));
        assertTrue(cancel.getMessage().contains("cancel"), cancel.getMessage());
    }
}
