package org.multilevel.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multilevel.api.MultilevelException;
import org.multilevel.cli.CommandLine;

/**
 * Outputs never destroy the user's data: outputs naming the input (by any path) or each other, or impossible
 * files, are refused before the fit with nothing written; files are replaced only when all are complete.
 */
class OutputSafetyTest {
    @TempDir
    Path dir;

    static final String FORMULA = "Reaction ~ Days + (Days | Subject)";

    /** A copy of sleepstudy in the test folder, so that an overwrite would be seen. */
    Path input() throws IOException {
        Path data = dir.resolve("sleep.csv");
        Files.copy(Path.of(Services.data("sleepstudy.csv")), data);
        return data;
    }

    static String refused(String... args) {
        return BadInputTest.userError(args);
    }

    @Test
    void everyOutputNamingTheInputIsRefusedBeforeTheFit() throws IOException {
        Path data = input();
        byte[] before = Files.readAllBytes(data);
        Files.createDirectories(dir.resolve("x"));
        Path link = dir.resolve("link.csv");
        Files.createSymbolicLink(link, data);
        String[] names = {data.toString(), dir.resolve("x/../sleep.csv").toString(), link.toString()};
        for (String option : Exports.FIT_OUTPUTS) {
            for (String name : names) {
                String message = refused("fit", "--data", data.toString(), "--formula", FORMULA, "--" + option, name);
                assertTrue(message.contains("--" + option) && message.contains("input data file"), message);
            }
        }
        // the data given through the link, the output by its real name
        refused("fit", "--data", link.toString(), "--formula", FORMULA, "--save-data", data.toString());
        refused("compare", "--data", data.toString(), "--formula", "Reaction ~ 1 + (1 | Subject)", "--formula",
                FORMULA, "--out", data.toString());
        refused("ols-by-cluster", "--data", data.toString(), "--formula", "Reaction ~ Days", "--cluster", "Subject",
                "--out", link.toString());
        assertEquals(List.of(), BadInputTest.filesOtherThan(dir, data, link, dir.resolve("x")));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(data)), "the data file is unchanged");
    }

    @Test
    void twoOutputsNamingOneFileAreRefused() throws IOException {
        Path data = input();
        Path same = dir.resolve("out.csv");
        String message = refused("fit", "--data", data.toString(), "--formula", FORMULA, "--save-ranef", same.toString(),
                "--save-residuals", dir.resolve("x/../out.csv").toString());
        assertTrue(message.contains("--save-ranef and --save-residuals name the same file"), message);
        Files.writeString(same, "old");
        Path hardLink = dir.resolve("hard.csv");
        Files.createLink(hardLink, same);
        refused("fit", "--data", data.toString(), "--formula", FORMULA, "--out", same.toString(), "--save-data",
                hardLink.toString());
        assertEquals("old", Files.readString(same));
    }

    @Test
    void impossibleOutputFilesAreRefusedWithNothingWritten() throws IOException {
        Path data = input();
        Path existing = dir.resolve("report.txt");
        Files.writeString(existing, "old report");
        String[][] cases = {
            {"--save-data", ""}, {"--save-ranef", "  "}, {"--save-data", dir.toString()}, {"--save-ranef", dir.resolve("none/r.csv").toString()},
            {"--save-residuals", existing.resolve("r.csv").toString()},
        };
        String[] expected = {"needs a file name", "needs a file name", "names the folder", "does not exist", "is not a folder"};
        for (int i = 0; i < cases.length; i++) {
            String message = refused("fit", "--data", data.toString(), "--formula", FORMULA, "--out", existing.toString(),
                    cases[i][0], cases[i][1]);
            assertTrue(message.contains(expected[i]), message);
        }
        assertTrue(refused("fit", "--data", data.toString(), "--formula", FORMULA, "--out=").contains("--out needs a file name"));
        assertEquals("old report", Files.readString(existing));
        assertEquals(List.of(), BadInputTest.filesOtherThan(dir, data, existing));
    }

    @Test
    void allOutputsAreWrittenTogetherAndReplaceOldFiles() throws IOException {
        Path data = input();
        Path report = dir.resolve("report.json");
        Path ranef = dir.resolve("ranef.csv");
        Files.writeString(report, "old");
        Services.Run run = Services.run("fit", "--data", data.toString(), "--formula", FORMULA, "--format", "json",
                "--out", report.toString(), "--save-ranef", ranef.toString());
        assertEquals(CommandLine.OK, run.code(), run.err());
        assertEquals("", run.out(), "the report went to its file");
        assertTrue(Files.readString(report).contains("\"formula\""), "the new report replaced the old one");
        assertEquals(1 + 18 * 2, Files.readAllLines(ranef).size());
        assertTrue(run.err().contains("wrote " + report) && run.err().contains("wrote " + ranef), run.err());
        assertEquals(List.of(), BadInputTest.filesOtherThan(dir, data, report, ranef), "no temporary file is left");
    }

    @Test
    void aFailedWriteReplacesNoOldFileAndLeavesNoTemporaryFile() throws IOException {
        Path old = dir.resolve("a.txt");
        Files.writeString(old, "old a");
        OutputTargets.Target a = new OutputTargets.Target("out", old.toString(), old);
        OutputTargets.Target b = new OutputTargets.Target("save-data", "b.csv", dir.resolve("b.csv"));
        try (AtomicOutputs files = new AtomicOutputs()) {
            files.stage(a, w -> w.write("new a"));
            assertThrows(MultilevelException.class, () -> files.stage(b, w -> {
                w.write("half of b");
                throw new IOException("No space left on device");
            }));
        }
        assertEquals("old a", Files.readString(old));
        assertEquals(List.of(), BadInputTest.filesOtherThan(dir, old));
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws IOException {
        Path old = dir.resolve("shared.txt");
        Files.writeString(old, "old");
        var permissions = java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(old, permissions);
        try (AtomicOutputs files = new AtomicOutputs()) {
            files.stage(new OutputTargets.Target("out", "shared.txt", old), w -> w.write("new"));
            files.commit();
        }
        assertEquals("new", Files.readString(old));
        assertEquals(permissions, Files.getPosixFilePermissions(old));
    }

    @Test
    void aSymbolicLinkToAnOutputStillPointsAtTheNewContent() throws IOException {
        Path real = dir.resolve("real.txt");
        Files.writeString(real, "old");
        Path link = dir.resolve("report.txt");
        Files.createSymbolicLink(link, real);
        Services.Run run = Services.run("fit", "--data", input().toString(), "--formula", FORMULA, "--out", link.toString());
        assertEquals(CommandLine.OK, run.code(), run.err());
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.readString(real).contains("Subject"), "the report went to the link's target");
    }

    @Test
    void controlCharactersAreEscapedForTheTerminal() {
        assertEquals("a\\u001b[2Jb\\u009b\tc\n", TerminalText.escape("a\u001b[2Jb\u009b\tc\n"));
        assertEquals("plain text stays the same", TerminalText.escape("plain text stays the same"));
        assertEquals("\\u000d\\u007f", TerminalText.escape("\r\u007f"));
    }

    @Test
    void textFromTheDataReachesTheTerminalEscaped() throws IOException {
        Path data = dir.resolve("evil.csv");
        StringBuilder csv = new StringBuilder("y,f,g\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i % 7 + 0.1 * i).append(',').append(i % 2 == 0 ? "a" : "z\u001b]0;owned\u0007").append(',')
                    .append(i % 4).append('\n');
        }
        Files.writeString(data, csv);
        Services.Run run = Services.run("fit", "--data", data.toString(), "--formula", "y ~ f + (1 | g)");
        assertEquals(CommandLine.OK, run.code(), run.err());
        assertTrue(run.out().contains("fz\\u001b]0;owned"), run.out()); // the importer trims the trailing BEL
        assertFalse(Stream.of(run.out(), run.err()).anyMatch(s -> s.chars().anyMatch(c -> TerminalText.isControl((char) c))));
    }

    @Test
    void exportedTextCellsCannotRunAsSpreadsheetFormulas() throws IOException {
        Path data = dir.resolve("cells.csv");
        StringBuilder csv = new StringBuilder("y,x,=cmd\n");
        String[] groups = {"=HYPERLINK(1)", "+1", "-2", "@SUM(A1)"};
        for (int i = 0; i < 40; i++) csv.append(i % 7 + 0.1 * i).append(',').append(i % 5 - 2).append(',').append(groups[i % 4]).append('\n');
        Files.writeString(data, csv);
        Path saved = dir.resolve("saved.csv");
        Path ranef = dir.resolve("ranef.csv");
        Services.Run run = Services.run("fit", "--data", data.toString(), "--formula", "y ~ x + (1 | `=cmd`)",
                "--save-data", saved.toString(), "--save-ranef", ranef.toString());
        assertEquals(CommandLine.OK, run.code(), run.err());
        List<String> lines = Files.readAllLines(saved);
        assertEquals("row,y,x,\"'=cmd\",model:x", lines.get(0));
        assertEquals("1,0.0,-2.0,\"'=HYPERLINK(1)\",-2.0", lines.get(1), "numbers, negative ones too, stay numbers");
        assertEquals("3,2.2,0.0,\"'-2\",0.0", lines.get(3), "a text cell starting with - is neutralized");
        for (String line : Files.readAllLines(ranef).subList(1, 5)) assertTrue(line.startsWith("\"'=cmd\",\"'"), line);
    }
}
