package org.multilevel.api.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The importer for a file: by signature first, then by extension, else the delimited-text importer. */
class DataImporterChoiceTest {
    /** An importer that claims files starting with {@code magic}. */
    private record Claiming(String magic) implements DataImporter {
        @Override
        public Dataset read(Path file, ImportOptions options) {
            return new Dataset(magic, List.of());
        }

        @Override
        public boolean reads(byte[] head, String fileName) {
            return new String(head, StandardCharsets.ISO_8859_1).startsWith(magic);
        }
    }

    private final DataImporter text = (file, options) -> new Dataset("text", List.of());
    private final DataImporter spss = new Claiming("$FL2");
    private final DataImporter stata = new Claiming("<stata_dta>");
    private final DataImporterChoice choice = new DataImporterChoice(List.of(
            new DataImporterChoice.Registered(spss, Map.of(DataImporterProperties.FORMATS, new String[] {"spss"},
                    DataImporterProperties.EXTENSIONS, new String[] {"sav", "zsav"})),
            new DataImporterChoice.Registered(stata, Map.of(DataImporterProperties.FORMATS, "stata",
                    DataImporterProperties.EXTENSIONS, "dta")),
            new DataImporterChoice.Registered(text, Map.of())));

    @Test
    void theSignatureWinsOverTheName(@TempDir Path dir) throws IOException {
        Path sav = Files.writeString(dir.resolve("looks-like.csv"), "$FL2@(#) SPSS DATA FILE");
        assertSame(spss, choice.forFile(sav));
        Path dta = Files.writeString(dir.resolve("data.sav"), "<stata_dta><header>");
        assertSame(stata, choice.forFile(dta));
    }

    @Test
    void theExtensionDecidesWhenNoSignatureMatches(@TempDir Path dir) throws IOException {
        Path renamed = Files.writeString(dir.resolve("table.DTA"), "a,b\n1,2\n");
        assertSame(stata, choice.forFile(renamed)); // which then says it is no Stata file
        assertSame(spss, choice.forFile(dir.resolve("missing.sav"))); // which then says it does not exist
    }

    @Test
    void everythingElseIsText(@TempDir Path dir) throws IOException {
        assertSame(text, choice.forFile(Files.writeString(dir.resolve("data.csv"), "a,b\n1,2\n")));
        assertSame(text, choice.forFile(Files.writeString(dir.resolve("data"), "a b\n1 2\n")));
        assertSame(text, choice.forFile(dir.resolve("missing.txt")));
        assertSame(text, choice.forFile(dir));
    }

    @Test
    void withoutATextImporterAnUnclaimedFileIsAnError(@TempDir Path dir) throws IOException {
        DataImporterChoice only = new DataImporterChoice(List.of(new DataImporterChoice.Registered(spss,
                Map.of(DataImporterProperties.FORMATS, "spss", DataImporterProperties.EXTENSIONS, "sav"))));
        Path csv = Files.writeString(dir.resolve("data.csv"), "a,b\n");
        DataException e = assertThrows(DataException.class, () -> only.forFile(csv));
        assertTrue(e.getMessage().contains("No data importer is installed that reads " + csv + " (.csv)"),
                e.getMessage());
    }

    @Test
    void extensions() {
        assertEquals("sav", DataImporterProperties.extension("/a.b/hsb.SAV"));
        assertEquals("", DataImporterProperties.extension("/a.b/hsb"));
        assertEquals("", DataImporterProperties.extension(".profile"));
    }
}
