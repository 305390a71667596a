package org.multilevel.data.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multilevel.api.data.CategoricalColumn;
import org.multilevel.api.data.DataException;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.data.NumericColumn;

class CsvDataImporterTest {
    @TempDir
    Path dir;

    private final CsvDataImporter importer = new CsvDataImporter();

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private Dataset read(String name, String content) throws IOException {
        return importer.read(write(name, content), ImportOptions.defaults());
    }

    private DataException failure(String name, String content) throws IOException {
        Path file = write(name, content);
        return assertThrows(DataException.class, () -> importer.read(file, ImportOptions.defaults()));
    }

    private static double[] values(Dataset d, String column) {
        return assertInstanceOf(NumericColumn.class, d.column(column).orElseThrow()).values();
    }

    private static CategoricalColumn factor(Dataset d, String column) {
        return assertInstanceOf(CategoricalColumn.class, d.column(column).orElseThrow());
    }

    // ---- formats ----

    @Test
    void tabSeparatedFileIsDetected() throws IOException {
        Dataset d = read("a.tsv", "g\tx\ty\na\t1.5\t2\nb\t2.5\t3\n");
        assertEquals(List.of("g", "x", "y"), d.columnNames());
        assertArrayEquals(new double[] {1.5, 2.5}, values(d, "x"));
        assertEquals(List.of("a", "b"), factor(d, "g").levels());
    }

    @Test
    void semicolonWithDecimalCommaIsDetected() throws IOException {
        Dataset d = read("b.csv", "id;weight;name\n1;3,25;\"Smith, J\"\n2;-0,5;Doe\n3;12;Roe\n");
        assertArrayEquals(new double[] {3.25, -0.5, 12}, values(d, "weight"));
        assertArrayEquals(new double[] {1, 2, 3}, values(d, "id"));
        assertEquals(List.of("Doe", "Roe", "Smith, J"), factor(d, "name").levels());
    }

    @Test
    void semicolonWithDecimalCommaSaysSo() throws IOException {
        Dataset d = read("b2.csv", "id;weight\n1;3,25\n2;40,606\n");
        assertArrayEquals(new double[] {3.25, 40.606}, values(d, "weight"));
        assertEquals(';', d.source().delimiter());
        assertEquals(',', d.source().decimalMark());
        assertEquals(List.of("Data file " + dir.resolve("b2.csv") + " was read with ';' as the delimiter and ','"
                + " as the decimal mark (its numbers are written like 3,14)."), d.source().notes());
    }

    @Test
    void aCommaInATabSeparatedNumberIsNeverGuessedToBeADecimalComma() throws IOException {
        // issue 9: "40,606" with a thousands separator was read as 40.606; R's read.delim reads it as text too
        Dataset d = read("t.txt", "x\ty\n1,5\t2\n40,606\t3\n");
        assertEquals(List.of("1,5", "40,606"), factor(d, "x").levels());
        assertArrayEquals(new double[] {2, 3}, values(d, "y"));
        assertEquals('.', d.source().decimalMark());
        assertEquals('\t', d.source().delimiter());
        assertEquals(List.of(), d.source().notes());
        Dataset quoted = read("q.csv", "x,y\n\"40,606\",1\n\"1,250\",2\n");
        assertEquals(List.of("1,250", "40,606"), factor(quoted, "x").levels());
    }

    @Test
    void semicolonWithBothMarksIsAmbiguousAndKeepsThePoint() throws IOException {
        Dataset d = read("mix.csv", "a;b\n1,5;2.5\n2,5;3.5\n");
        assertEquals('.', d.source().decimalMark());
        assertArrayEquals(new double[] {2.5, 3.5}, values(d, "b"));
        assertEquals(List.of("1,5", "2,5"), factor(d, "a").levels());
    }

    @Test
    void semicolonWithDecimalPointKeepsThePoint() throws IOException {
        Dataset d = read("c.csv", "a;b\n1.5;2\n2.25;3\n");
        assertArrayEquals(new double[] {1.5, 2.25}, values(d, "a"));
    }

    @Test
    void explicitOptionsOverrideDetection() throws IOException {
        Path file = write("d.txt", "a|b\n1,5|x\n");
        Dataset d = importer.read(file, new ImportOptions('|', ',', ImportOptions.DEFAULT_MISSING));
        assertArrayEquals(new double[] {1.5}, values(d, "a"));
        assertEquals(List.of("x"), factor(d, "b").levels());
    }

    @Test
    void quotedFieldsMayHoldDelimitersQuotesAndNewlines() throws IOException {
        Dataset d = read("e.csv", "\"name\",\"note\",\"v\"\n\"a,b\",\"said \"\"hi\"\"\",1\n"
                + "\"c\",\"two\nlines\",2\n\"d\",plain,\"3\"\n");
        assertEquals(3, d.rows());
        CategoricalColumn name = factor(d, "name");
        assertEquals("a,b", name.levelOf(0));
        CategoricalColumn note = factor(d, "note");
        assertEquals("said \"hi\"", note.levelOf(0));
        assertEquals("two\nlines", note.levelOf(1));
        assertArrayEquals(new double[] {1, 2, 3}, values(d, "v"), "quoted numbers are numbers, as in R");
    }

    @Test
    void missingTokensAreMissingInNumericAndCategoricalColumns() throws IOException {
        Dataset d = read("f.csv", "x,g\n1,a\nNA,NA\n.,.\n,\n 4 , b \n\"NA\",a\n");
        double[] x = values(d, "x");
        assertEquals(6, x.length);
        assertEquals(1.0, x[0]);
        assertTrue(Double.isNaN(x[1]) && Double.isNaN(x[2]) && Double.isNaN(x[3]) && Double.isNaN(x[5]));
        assertEquals(4.0, x[4], "cells are trimmed");
        CategoricalColumn g = factor(d, "g");
        assertEquals(List.of("a", "b"), g.levels());
        assertEquals(3, g.missingCount() - 0, "NA, . and empty are missing; a quoted NA too");
        assertNull(g.levelOf(1));
        assertEquals("b", g.levelOf(4));
        assertEquals(4, d.column("x").orElseThrow().missingCount());
    }

    @Test
    void nanIsAMissingNumberButAnOrdinaryLevelInATextColumn() throws IOException {
        Dataset d = read("nan.csv", "x,g\n1,NaN\nNaN,b\n3,c\n");
        double[] x = values(d, "x");
        assertTrue(Double.isNaN(x[1]));
        assertEquals(3.0, x[2]);
        assertEquals(List.of("b", "c", "NaN"), factor(d, "g").levels());
    }

    @Test
    void missingTokensAreConfigurable() throws IOException {
        Path file = write("g.csv", "x,g\n1,a\n-99,.\n3,?\n");
        Dataset d = importer.read(file, new ImportOptions((char) 0, (char) 0, Set.of("", "-99", "?")));
        double[] x = values(d, "x");
        assertTrue(Double.isNaN(x[1]));
        assertEquals(3.0, x[2]);
        CategoricalColumn g = factor(d, "g");
        assertEquals(List.of(".", "a"), g.levels(), "'.' is an ordinary value when not a missing token");
        assertNull(g.levelOf(2));
    }

    @Test
    void aColumnWithOneNonNumberIsCategoricalWithTextAsWritten() throws IOException {
        Dataset d = read("h.csv", "code\n10\n9\n01\nx\n1.0\n");
        CategoricalColumn code = factor(d, "code");
        assertEquals(List.of("01", "1.0", "10", "9", "x"), code.levels());
        assertEquals("01", code.levelOf(2));
        assertEquals("1.0", code.levelOf(4));
    }

    @Test
    void aColumnWithManyNumbersThatTurnsTextLaterIsReadExactlyByASecondPass() throws IOException {
        StringBuilder sb = new StringBuilder("id,v\n");
        int n = ColumnBuilder.TEXT_KEPT_WHILE_NUMERIC * 3;
        for (int i = 0; i < n; i++) sb.append(i).append(',').append(i).append(".50\n");
        sb.append("1,oops\n");
        Dataset d = read("i.csv", sb.toString());
        assertEquals(n + 1, d.rows());
        CategoricalColumn v = factor(d, "v");
        assertEquals(n + 1, v.levels().size());
        assertEquals("0.50", v.levelOf(0), "the level keeps the text as written");
        assertEquals("oops", v.levelOf(n));
        assertEquals(n - 1.0, values(d, "id")[n - 1]);
    }

    @Test
    void levelsSortCaseInsensitivelyLowerCaseFirst() throws IOException {
        Dataset d = read("j.csv", "g\nbanana\nApple\ncherry\napple\nB\nb\n");
        assertEquals(List.of("apple", "Apple", "b", "B", "banana", "cherry"), factor(d, "g").levels());
    }

    @Test
    void bomCrlfAndBlankLinesAreHandled() throws IOException {
        Dataset d = read("k.csv", "\uFEFF\"a\",\"b\"\r\n1,2\r\n\r\n3,4\r\n\r\n");
        assertEquals(List.of("a", "b"), d.columnNames());
        assertArrayEquals(new double[] {1, 3}, values(d, "a"));
        assertEquals("k", d.name());
    }

    @Test
    void headerNamesAreTrimmedAndUnquoted() throws IOException {
        Dataset d = read("l.csv", " a , \"b c\" ,\"d\"\n1,2,3\n");
        assertEquals(List.of("a", "b c", "d"), d.columnNames());
    }

    @Test
    void latin1FileIsReadAsWindows1252WithANoteNamingTheFirstBadByte() throws IOException {
        Path file = dir.resolve("m.csv");
        Files.write(file, "ort,n\nK\u00f6ln,1\nM\u00fcnchen,2\n".getBytes(Charset.forName("ISO-8859-1")));
        Dataset d = importer.read(file, ImportOptions.defaults());
        assertEquals(List.of("K\u00f6ln", "M\u00fcnchen"), factor(d, "ort").levels());
        assertEquals("windows-1252", d.source().encoding());
        assertEquals(List.of("Data file " + file + " is not valid UTF-8 (line 2, byte 8 (0xF6) is not part of a UTF-8"
                + " character), so it was read as windows-1252 (as Excel on Windows writes text); check that"
                + " accented text reads correctly, or save the file as UTF-8."), d.source().notes());
    }

    @Test
    void utf8FileHasNoEncodingNote() throws IOException {
        Dataset d = read("u.csv", "ort,n\nK\u00f6ln,1\n");
        assertEquals("UTF-8", d.source().encoding());
        assertEquals(',', d.source().delimiter());
        assertEquals(List.of(), d.source().notes());
    }

    @Test
    void utf8ScanFindsLineAndByteOfTheFirstInvalidSequence() throws IOException {
        assertEquals(null, Utf8Scan.firstInvalid(new java.io.ByteArrayInputStream(
                "a\n\u00e9\u20ac\ud83d\ude00\n".getBytes(StandardCharsets.UTF_8))));
        byte[] overlong = {'a', '\n', 'b', '\n', (byte) 0xC0, (byte) 0xAF};
        assertEquals(new Utf8Scan.Invalid(3, 5, 0xC0), Utf8Scan.firstInvalid(new java.io.ByteArrayInputStream(overlong)));
        byte[] cut = {'a', (byte) 0xE2, (byte) 0x82};
        assertEquals(new Utf8Scan.Invalid(1, 2, 0xE2), Utf8Scan.firstInvalid(new java.io.ByteArrayInputStream(cut)));
    }

    @Test
    void allMissingColumnIsNumericAndMissing() throws IOException {
        Dataset d = read("n.csv", "a,b\n1,NA\n2,\n");
        assertEquals(2, d.column("b").orElseThrow().missingCount());
        assertInstanceOf(NumericColumn.class, d.column("b").orElseThrow());
    }

    @Test
    void fileWithoutFinalNewlineAndSingleColumn() throws IOException {
        Dataset d = read("o.csv", "y\n1\n2\n3");
        assertArrayEquals(new double[] {1, 2, 3}, values(d, "y"));
    }

    // ---- bad input: one clear sentence naming file, line and column ----

    @Test
    void missingFile() {
        Path file = dir.resolve("nope.csv");
        DataException e = assertThrows(DataException.class, () -> importer.read(file, ImportOptions.defaults()));
        assertTrue(e.getMessage().contains("nope.csv") && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void directoryInsteadOfFile() {
        DataException e = assertThrows(DataException.class, () -> importer.read(dir, ImportOptions.defaults()));
        assertTrue(e.getMessage().contains("directory"), e.getMessage());
    }

    @Test
    void emptyFile() throws IOException {
        assertTrue(failure("empty.csv", "").getMessage().contains("empty.csv is empty"));
        assertTrue(failure("blank.csv", "\n  \n\n").getMessage().contains("is empty"));
    }

    @Test
    void headerOnly() throws IOException {
        DataException e = failure("header.csv", "a,b,c\n");
        assertTrue(e.getMessage().contains("header.csv") && e.getMessage().contains("no data rows"), e.getMessage());
    }

    @Test
    void rowWithTooFewFieldsNamesLineAndColumn() throws IOException {
        DataException e = failure("short.csv", "a,b,c\n1,2,3\n4,5,6\n7,8\n");
        assertEquals("Line 4 of data file " + dir.resolve("short.csv")
                + " has 2 fields but the header has 3 (no value for column 'c').", e.getMessage());
    }

    @Test
    void rowWithTooManyFieldsNamesLineAndColumn() throws IOException {
        DataException e = failure("long.csv", "a,b\n1,2\n3,4,5\n");
        assertTrue(e.getMessage().startsWith("Line 3 of data file"), e.getMessage());
        assertTrue(e.getMessage().contains("has 3 fields but the header has 2")
                && e.getMessage().contains("column 'b'"), e.getMessage());
    }

    @Test
    void lineNumbersCountQuotedNewlines() throws IOException {
        DataException e = failure("q.csv", "a,b\n\"x\ny\",1\n2\n");
        assertTrue(e.getMessage().startsWith("Line 4 "), e.getMessage());
    }

    @Test
    void unclosedQuoteNamesTheLineWhereItOpens() throws IOException {
        DataException e = failure("open.csv", "a,b\n1,x\n2,\"y\n3,4\n5,6\n");
        assertTrue(e.getMessage().startsWith("Line 3 of data file") && e.getMessage().contains("never closed"),
                e.getMessage());
        // a closed quote at the very end is fine
        Dataset d = read("closed.csv", "a,b\n1,\"x\"\n2,\"y\nz\"\n");
        assertEquals("y\nz", factor(d, "b").levelOf(1));
    }

    @Test
    void duplicateHeaderName() throws IOException {
        DataException e = failure("dup.csv", "a,b,a\n1,2,3\n");
        assertTrue(e.getMessage().contains("'a' twice (columns 1 and 3)"), e.getMessage());
    }

    @Test
    void emptyHeaderName() throws IOException {
        DataException e = failure("noname.csv", "\"\",x\n1,2\n");
        assertTrue(e.getMessage().contains("column 1 of the header") && e.getMessage().contains("no name"),
                e.getMessage());
    }
}
