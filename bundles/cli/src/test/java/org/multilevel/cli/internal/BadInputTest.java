package org.multilevel.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multilevel.cli.CommandLine;

/**
 * Every kind of bad input gets exit code 2 and exactly one line on the error stream, "error: ...", naming the
 * problem; nothing on standard output.
 */
class BadInputTest {
    @TempDir
    Path dir;

    /** Runs, asserts the one-line user error, returns the message. */
    static String userError(String... args) {
        Services.Run run = Services.run(args);
        assertEquals(CommandLine.USER_ERROR, run.code(), () -> "exit code; stderr: " + run.err() + " stdout: " + run.out());
        List<String> lines = run.errLines();
        assertEquals(1, lines.size(), () -> "one line on stderr, got: " + run.err());
        assertTrue(lines.get(0).startsWith("error: "), lines.get(0));
        assertEquals("", run.out(), "nothing on stdout");
        System.out.println(String.join(" ", args).replace(Services.DATA.toString(), "DATA") + "\n    -> " + lines.get(0));
        return lines.get(0);
    }

    /** The files and folders in {@code dir} that are not among {@code expected} (e.g. leftovers of a write). */
    static List<Path> filesOtherThan(Path dir, Path... expected) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> !List.of(expected).contains(f)).toList();
        }
    }

    Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    static void mentions(String message, String... words) {
        for (String w : words) assertTrue(message.toLowerCase().contains(w.toLowerCase()), () -> message + " should mention " + w);
    }

    @Test
    void missingFile() {
        String m = userError("fit", "--data", "/no/such/dir/data.csv", "--formula", "y ~ x + (1 | g)");
        mentions(m, "/no/such/dir/data.csv", "does not exist");
    }

    @Test
    void emptyFile() throws IOException {
        Path f = file("empty.csv", "");
        mentions(userError("fit", "--data", f.toString(), "--formula", "y ~ x + (1 | g)"), "empty.csv", "empty");
    }

    @Test
    void headerOnly() throws IOException {
        Path f = file("header.csv", "y,x,g\n");
        mentions(userError("fit", "--data", f.toString(), "--formula", "y ~ x + (1 | g)"), "header.csv", "no data rows");
    }

    @Test
    void unknownColumnSuggestsTheClosest() {
        String m = userError("fit", "--data", Services.data("hsb.csv"), "--formula", "math ~ sess + (1 | school)");
        mentions(m, "sess", "ses");
        assertTrue(m.contains("did you mean") || m.contains("closest"), m);
    }

    @Test
    void malformedFormulaPointsAtThePosition() {
        String m = userError("fit", "--data", Services.data("hsb.csv"), "--formula", "math ~ ses + * cses + (1 | school)");
        assertTrue(m.contains("position 14") && m.contains("'*'"), m);
        m = userError("fit", "--data", Services.data("hsb.csv"), "--formula", "math ~ ses + (1 | school");
        mentions(m, "missing ')'", "end of the formula");
    }

    @Test
    void nonNumericResponse() {
        String m = userError("fit", "--data", Services.data("pastes.csv"), "--formula", "cask ~ 1 + (1 | batch)");
        mentions(m, "cask", "numeric");
    }

    @Test
    void responseWithNoVariance() throws IOException {
        StringBuilder sb = new StringBuilder("y,x,g\n");
        for (int i = 0; i < 40; i++) sb.append("5,").append(i % 7).append(',').append("g").append(i % 4).append('\n');
        Path f = file("constant.csv", sb.toString());
        mentions(userError("fit", "--data", f.toString(), "--formula", "y ~ x + (1 | g)"), "y", "vari");
    }

    @Test
    void groupingFactorWithOneLevel() throws IOException {
        StringBuilder sb = new StringBuilder("y,x,g\n");
        for (int i = 0; i < 40; i++) sb.append(i * 0.37 % 5).append(',').append(i % 7).append(",only\n");
        Path f = file("onelevel.csv", sb.toString());
        mentions(userError("fit", "--data", f.toString(), "--formula", "y ~ x + (1 | g)"), "g", "level");
    }

    @Test
    void allRowsDroppedByMissingValues() throws IOException {
        StringBuilder sb = new StringBuilder("y,x,g\n");
        for (int i = 0; i < 40; i++) sb.append(i % 2 == 0 ? "NA" : Double.toString(i * 0.37)).append(',')
                .append(i % 2 == 1 ? "NA" : Integer.toString(i % 7)).append(",g").append(i % 4).append('\n');
        Path f = file("holes.csv", sb.toString());
        mentions(userError("fit", "--data", f.toString(), "--formula", "y ~ x + (1 | g)"), "missing");
    }

    @Test
    void moreRandomEffectsThanTheDataCanIdentify() throws IOException {
        StringBuilder sb = new StringBuilder("y,x,id\n");
        for (int i = 0; i < 40; i++) sb.append(Math.sin(i) * 3).append(',').append(i % 7).append(",r").append(i).append('\n');
        Path f = file("perrow.csv", sb.toString());
        mentions(userError("fit", "--data", f.toString(), "--formula", "y ~ x + (1 | id)"), "id", "40");
    }

    @Test
    void unknownOptionSuggestsAndMissingValueIsNamed() {
        mentions(userError("fit", "--data", Services.data("hsb.csv"), "--fromula", "math ~ 1 + (1 | school)"),
                "--fromula", "did you mean --formula?");
        mentions(userError("fit", "--data", Services.data("hsb.csv"), "--formula"), "--formula needs a value");
        mentions(userError("fitt", "--data", "x"), "unknown command 'fitt'", "did you mean fit?");
        mentions(userError("fit", "--data", Services.data("hsb.csv"), "--formula", "math ~ 1 + (1 | school)",
                "--method", "REMLL"), "--method", "REMLL");
        mentions(userError("compare", "--data", Services.data("hsb.csv"), "--formula", "math ~ 1 + (1 | school)"),
                "at least two models");
    }

    @Test
    void compareOnDifferentRowsIsRefused() throws IOException {
        List<String> lines = Files.readAllLines(Services.DATA.resolve("hsb.csv"));
        String[] cells = lines.get(5).split(",", -1);
        cells[2] = "NA"; // ses missing in data row 5
        lines.set(5, String.join(",", cells));
        Path f = dir.resolve("hsb-hole.csv");
        Files.write(f, lines);
        mentions(userError("compare", "--data", f.toString(), "--formula", "math ~ 1 + (1 | school)", "--formula",
                "math ~ ses + (1 | school)"), "different rows", "missing");
    }

    @Test
    void optionsNamingMissingVariablesOrFoldersAreErrors() {
        mentions(userError("fit", "--data", Services.data("hsb.csv"), "--formula", "math ~ ses + (1 | school)",
                "--center", "sess=grand"), "'sess'", "did you mean ses?");
        mentions(userError("fit", "--data", Services.data("hsb.csv"), "--formula", "math ~ sector + (1 | school)",
                "--reference", "sector=7"), "'7'", "sector");
        mentions(userError("fit", "--data", Services.data("dyestuff.csv"), "--formula", "Yield ~ 1 + (1 | Batch)",
                "--out", "/no/such/folder/report.txt"), "/no/such/folder", "does not exist");
    }
}
