package org.multilevel.data.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multilevel.api.data.CategoricalColumn;
import org.multilevel.api.data.DataException;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.data.NumericColumn;

/**
 * Inputs that are not CSV (issue 10): workbooks, archives and statistics packages' files are named by their
 * signature, never parsed as text; pipes and devices are refused; and two parser edge cases.
 */
class FileKindsTest {
    @TempDir
    Path dir;

    private final CsvDataImporter importer = new CsvDataImporter();

    /** A fixture written by R (see src/test/resources/not-csv/make-files.R), copied to the temp folder. */
    private Path fixture(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/not-csv/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    private String failure(Path file) {
        DataException e = assertThrows(DataException.class, () -> importer.read(file, ImportOptions.defaults()));
        String message = e.getMessage();
        assertTrue(message.startsWith("Data file " + file), message);
        for (char c : message.toCharArray()) {
            assertTrue(c >= ' ' && c < 0x7F, "the message echoes no raw bytes: " + message);
        }
        return message;
    }

    @Test
    void excelWorkbookIsNamed() throws IOException {
        String m = failure(fixture("data.xlsx"));
        assertTrue(m.contains("is an Excel workbook (.xlsx), not a CSV or text file") && m.contains("CSV"), m);
    }

    @Test
    void spssAndStataFilesAreNamed() throws IOException {
        assertTrue(failure(fixture("data.sav")).contains("is an SPSS data file (.sav)"));
        assertTrue(failure(fixture("data.dta")).contains("is a Stata data file (.dta)"));
    }

    @Test
    void gzipFileIsNamedWithAdvice() throws IOException {
        String m = failure(fixture("data.csv.gz"));
        assertTrue(m.contains("gzip-compressed") && m.contains("decompress it first"), m);
    }

    @Test
    void oldExcelAndBinaryFilesAreNamed() throws IOException {
        byte[] ole = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        assertTrue(failure(Files.write(dir.resolve("old.xls"), ole)).contains("Excel 97-2003 workbook (.xls)"));
        byte[] binary = "a,b\n1,2\n\u0000\u0001\u0002".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(failure(Files.write(dir.resolve("odd.csv"), binary))
                .contains("is a binary file (it holds a zero byte at byte 9)"));
        byte[] codes = new byte[200];
        for (int i = 0; i < codes.length; i++) codes[i] = (byte) (i % 3 == 0 ? 0x01 : 'a' + i % 26);
        assertTrue(failure(Files.write(dir.resolve("codes.csv"), codes)).contains("many of its bytes are control codes"));
    }

    @Test
    void aZipThatIsNotAWorkbookIsAnArchive() throws IOException {
        Path file = dir.resolve("x.zip");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("data.csv"));
            zip.write("a\n1\n".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(failure(file).contains("is a ZIP archive"));
    }

    @Test
    void devicesAndPipesAreRefusedWithAReason() {
        Path device = Path.of("/dev/null");
        if (!Files.exists(device)) return; // not a Unix machine
        String m = failure(device);
        assertTrue(m.contains("not a regular file but a pipe or a device") && m.contains("/dev/stdin"), m);
    }

    @Test
    void fifoIsRefused() throws Exception {
        Path fifo = dir.resolve("fifo.csv");
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            return; // no mkfifo on this machine
        }
        if (p.waitFor() != 0) return;
        assertTrue(failure(fifo).contains("pipe or a device"));
    }

    @Test
    void utf16TextAsExcelSavesUnicodeTextIsRead() throws IOException {
        Path file = dir.resolve("unicode.txt");
        byte[] text = "ort\tn\nK\u00f6ln\t1\nM\u00fcnchen\t2\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[text.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(text, 0, withBom, 2, text.length);
        Files.write(file, withBom);
        Dataset d = importer.read(file, ImportOptions.defaults());
        assertEquals(List.of("ort", "n"), d.columnNames());
        assertEquals(List.of("K\u00f6ln", "M\u00fcnchen"),
                assertInstanceOf(CategoricalColumn.class, d.column("ort").orElseThrow()).levels());
        assertEquals("UTF-16", d.source().encoding());
    }

    @Test
    void aQuotedFieldWithALoneCarriageReturnIsOneField() throws IOException {
        // FastCSV 3.4.0 and 4.0.0 lose the field "x<CR>y" and merge the next line into the record
        Path file = Files.writeString(dir.resolve("cr.csv"), "a,b\n1,\"x\ry\"\n3,4\n\"5\",\"z\r\"\n");
        Dataset d = importer.read(file, ImportOptions.defaults());
        assertEquals(3, d.rows());
        assertArrayEquals(new double[] {1, 3, 5},
                assertInstanceOf(NumericColumn.class, d.column("a").orElseThrow()).values());
        CategoricalColumn b = assertInstanceOf(CategoricalColumn.class, d.column("b").orElseThrow());
        assertEquals("x\ry", b.levelOf(0));
        assertEquals("4", b.levelOf(1));
        assertEquals("z\r", b.levelOf(2));
    }

    @Test
    void oldMacLineEndsStillEndRecords() throws IOException {
        Path file = Files.writeString(dir.resolve("mac.csv"), "a,b\r1,\"x\"\r3,4\r");
        Dataset d = importer.read(file, ImportOptions.defaults());
        assertEquals(2, d.rows());
    }

    @Test
    void aHeaderLongerThanTheSampleDoesNotSizeColumnsByTheFile() throws IOException {
        // 12,000 columns: a 100 KB header, longer than the 64 KB sample; sized by the file, the columns would
        // preallocate about 30,000 rows each (4 GB) before the first row is read
        int columns = 12_000;
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < columns; j++) sb.append(j == 0 ? "" : ",").append("col").append(j);
        sb.append('\n');
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < columns; j++) sb.append(j == 0 ? "" : ",").append(i);
            sb.append('\n');
        }
        Path file = Files.writeString(dir.resolve("wide.csv"), sb);
        Dataset d = importer.read(file, ImportOptions.defaults());
        assertEquals(columns, d.columns().size());
        assertEquals(40, d.rows());
        assertEquals(',', d.source().delimiter());
        assertEquals(39.0, assertInstanceOf(NumericColumn.class, d.column("col11999").orElseThrow()).values()[39]);
    }

    @Test
    void sniffingAHeaderCutByTheSampleStillFindsTheDelimiter() {
        String header = "a;b;c;d;" + "x;".repeat(100);
        FormatSniffer.Format f = FormatSniffer.sniff(header, false, (char) 0, (char) 0);
        assertEquals(';', f.delimiter());
        assertEquals(0.0, f.charsPerLine(), "no data record in the sample: nothing to size the columns by");
        assertFalse(FormatSniffer.sniff("a,b\n1,2\n3,4\n", true, (char) 0, (char) 0).charsPerLine() == 0);
    }

    @Test
    void gzipWrittenByJavaIsNamedToo() throws IOException {
        Path file = dir.resolve("d.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(failure(file).contains("gzip-compressed"));
    }
}
