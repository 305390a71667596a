package org.multilevel.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.multilevel.report.text.TextTable;

class TextTableTest {
    @Test
    void alignsTextLeftAndNumbersRightUnderARule() {
        TextTable t = new TextTable().left("term").right("estimate").rule(true);
        t.row("(Intercept)", "12.65").row("ses", "-0.5").footnote("Note: made up.");
        assertEquals("""
                term        estimate
                --------------------
                (Intercept)    12.65
                ses             -0.5
                Note: made up.
                """, t.render());
        assertEquals(List.of("term", "estimate"), t.titles());
        assertEquals(List.of(TextTable.Align.LEFT, TextTable.Align.RIGHT), t.alignments());
    }

    @Test
    void missingCellsAreBlankAndTooManyAreRefused() {
        TextTable t = new TextTable().indent(" ").left("a").right("b").right("c");
        t.row("x", null).row("longer", "1", "2");
        assertEquals(" a      b c\n x\n longer 1 2\n", t.render());
        assertThrows(IllegalArgumentException.class, () -> t.row("1", "2", "3", "4"));
    }
}
