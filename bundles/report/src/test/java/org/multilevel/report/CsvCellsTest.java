package org.multilevel.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.multilevel.report.files.CsvCells;

/** OWASP's CSV-injection rule for text cells; numbers written by the program stay numbers. */
class CsvCellsTest {
    @Test
    void textCellsThatASpreadsheetWouldRunAreNeutralizedAndQuoted() {
        assertEquals("\"'=1+2\"", CsvCells.text("=1+2"));
        assertEquals("\"'+1\"", CsvCells.text("+1"));
        assertEquals("\"'-2\"", CsvCells.text("-2"));
        assertEquals("\"'@SUM(A1)\"", CsvCells.text("@SUM(A1)"));
        assertEquals("\"'\tx\"", CsvCells.text("\tx"));
        assertEquals("\"'\rx\"", CsvCells.text("\rx"));
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", CsvCells.text("=HYPERLINK(\"http://x\")"));
    }

    @Test
    void ordinaryTextIsQuotedOnlyWhenItNeedsIt() {
        assertEquals("school", CsvCells.text("school"));
        assertEquals("a-b", CsvCells.text("a-b"));
        assertEquals("\"a,b\"", CsvCells.text("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvCells.text("say \"hi\""));
        assertEquals("", CsvCells.text(""));
    }

    @Test
    void numbersAreWrittenAtFullPrecisionNegativeOnesToo() {
        assertEquals("-1.5", CsvCells.number(-1.5));
        assertEquals("0.1", CsvCells.number(0.1));
        assertEquals("", CsvCells.number(Double.NaN));
    }
}
