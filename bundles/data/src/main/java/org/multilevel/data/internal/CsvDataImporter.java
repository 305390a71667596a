package org.multilevel.data.internal;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.multilevel.api.data.Column;
import org.multilevel.api.data.DataException;
import org.multilevel.api.data.DataImporter;
import org.multilevel.api.data.DataSource;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.osgi.service.component.annotations.Component;

/**
 * Reads CSV and TSV files (see {@link FormatSniffer} for the detection of delimiter and decimal mark) in one
 * streaming pass into primitive column arrays (see {@link ColumnBuilder} for the type inference). Text is
 * UTF-8 (a BOM is skipped) or UTF-16 with a byte-order mark; a file that is not valid UTF-8 is read as
 * Windows-1252, as spreadsheets write it, with a note naming the first byte that is not UTF-8. A workbook,
 * an archive, a statistics package's file or any other binary file is recognised by its first bytes and named.
 * Cells are trimmed of surrounding white space; a cell equal to one of the missing-value tokens (quoted or
 * not) is missing. Stateless.
 */
@Component(service = DataImporter.class)
public final class CsvDataImporter implements DataImporter {
    private static final int SAMPLE_BYTES = 64 * 1024;
    /** Cells preallocated over all columns before the rows are counted; the arrays grow past it as needed. */
    private static final long PREALLOCATED_CELLS = 1 << 24;
    private static final int UNKNOWN_ROWS_CAPACITY = 256;
    private static final Charset FALLBACK_CHARSET = Charset.forName("windows-1252");

    @Override
    public Dataset read(Path file, ImportOptions options) {
        ImportOptions opts = options == null ? ImportOptions.defaults() : options;
        String label = file.toString();
        long size = checkReadable(file, label);
        byte[] head = head(file, label);
        if (FileSignature.isUtf16(head)) {
            return read(file, label, size, opts, StandardCharsets.UTF_16, List.of());
        }
        String kind = FileSignature.describe(head);
        if (kind != null) throw new DataException(notText(label, kind));
        try {
            return read(file, label, size, opts, StandardCharsets.UTF_8, List.of());
        } catch (NotUtf8Exception e) {
            String where = firstInvalidUtf8(file, label);
            String note = "Data file " + label + " is not valid UTF-8 (" + where + " is not part of a UTF-8"
                    + " character), so it was read as " + FALLBACK_CHARSET.name() + " (as Excel on Windows writes"
                    + " text); check that accented text reads correctly, or save the file as UTF-8.";
            return read(file, label, size, opts, FALLBACK_CHARSET, List.of(note));
        }
    }

    private static String notText(String label, String kind) {
        String advice = kind.startsWith("a gzip") || kind.contains("compressed")
                ? "decompress it first, or export the data as CSV"
                : "export the data from its program as a CSV file (in R: write.csv(data, \"data.csv\","
                        + " row.names = FALSE); in Excel: Save As, CSV UTF-8)";
        return "Data file " + label + " is " + kind + ", not a CSV or text file; " + advice + ".";
    }

    private Dataset read(Path file, String label, long size, ImportOptions options, Charset charset,
                         List<String> notes) {
        Sample sample = sample(file, label, charset);
        if (sample.text.isBlank()) throw new DataException("Data file " + label + " is empty.");
        FormatSniffer.Format format = FormatSniffer.sniff(sample.text, sample.wholeFile, options.delimiter(),
                options.decimal());
        int capacity = format.charsPerLine() == 0 ? UNKNOWN_ROWS_CAPACITY
                : (int) Math.min(PREALLOCATED_CELLS, size / format.charsPerLine() * 1.05 + 16);

        RecordHandler first = new RecordHandler(label, format.decimalMark(), options.missingTokens(), capacity,
                PREALLOCATED_CELLS);
        parse(file, label, charset, format, first);
        if (first.lastFieldQuoted() && !endsWithQuote(file)) {
            throw new DataException("Line " + first.line() + " of data file " + label
                    + " opens a quoted field that is never closed (a stray '\"'?).");
        }
        if (first.columns() == null) throw new DataException("Data file " + label + " is empty.");
        if (first.dataRows() == 0) {
            throw new DataException("Data file " + label + " has a header line but no data rows.");
        }
        ColumnBuilder[] builders = first.columns();
        ColumnBuilder[] rescan = new ColumnBuilder[builders.length];
        boolean needed = false;
        for (int i = 0; i < builders.length; i++) {
            if (builders[i].needsRescan()) {
                rescan[i] = new ColumnBuilder(builders[i].name(), first.dataRows(), true);
                needed = true;
            }
        }
        if (needed) {
            parse(file, label, charset, format, new RecordHandler(label, format.decimalMark(),
                    options.missingTokens(), first.dataRows(), rescan));
        }
        List<Column> columns = new ArrayList<>(builders.length);
        for (int i = 0; i < builders.length; i++) {
            ColumnBuilder builder = rescan[i] != null ? rescan[i] : builders[i];
            columns.add(builder.build(format.decimalMark()));
            builders[i] = null; // let the arrays go as soon as the column is built
        }
        List<String> allNotes = new ArrayList<>(notes);
        if (options.decimal() == 0 && format.decimalMark() == ',') {
            allNotes.add("Data file " + label + " was read with '" + format.delimiter() + "' as the delimiter and"
                    + " ',' as the decimal mark (its numbers are written like 3,14).");
        }
        DataSource source = new DataSource(label, charset.name(), format.delimiter(), format.decimalMark(),
                allNotes);
        return new Dataset(datasetName(file), columns, source);
    }

    /** Where the first byte that is not UTF-8 is ("line 12, byte 345 (0xE9)"). */
    private static String firstInvalidUtf8(Path file, String label) {
        try (InputStream in = Files.newInputStream(file)) {
            Utf8Scan.Invalid invalid = Utf8Scan.firstInvalid(in);
            // the decoder and the scan agree on what UTF-8 is; a file valid to the scan is malformed nowhere
            return invalid == null ? "a byte" : invalid.describe();
        } catch (IOException e) {
            throw new DataException("Data file " + label + " cannot be read: " + e.getMessage() + ".", e);
        }
    }

    /** The file's first bytes, to recognise what it is. */
    private static byte[] head(Path file, String label) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SAMPLE_BYTES);
        } catch (AccessDeniedException e) {
            throw new DataException("Data file " + label + " cannot be read (no permission).", e);
        } catch (IOException e) {
            throw new DataException("Data file " + label + " cannot be read: " + e.getMessage() + ".", e);
        }
    }

    /** Whether the last character of the file that is not white space is a quote. */
    private static boolean endsWithQuote(Path file) {
        try (var channel = Files.newByteChannel(file)) {
            long size = channel.size();
            int tail = (int) Math.min(size, 4096);
            ByteBuffer buffer = ByteBuffer.allocate(tail);
            channel.position(size - tail);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read the whole tail
            }
            for (int i = buffer.position() - 1; i >= 0; i--) {
                byte b = buffer.get(i);
                if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0) continue; // 0: UTF-16
                return b == '"';
            }
            return false;
        } catch (IOException e) {
            throw new DataException("Data file " + file + " cannot be read: " + e.getMessage() + ".", e);
        }
    }

    private static void parse(Path file, String label, Charset charset, FormatSniffer.Format format,
                              RecordHandler handler) {
        try (Reader reader = new LoneCrReader(reader(file, charset), format.delimiter());
             CsvReader<RecordHandler> csv = CsvReader.builder()
                     .fieldSeparator(format.delimiter())
                     .quoteCharacter('"')
                     .skipEmptyLines(true)
                     .ignoreDifferentFieldCount(true)
                     .build(handler, reader)) {
            for (RecordHandler ignored : csv) {
                // the handler does the work as each record is parsed
            }
        } catch (CsvParseException e) {
            if (e.getCause() instanceof DataException data) throw data;
            // out of memory while a record was stored is not a malformed line: the caller reports it as such
            if (e.getCause() instanceof Error error) throw error;
            if (e.getCause() instanceof UncheckedIOException io) throw ioProblem(io.getCause(), label, handler);
            String reason = e.getCause() != null && e.getCause().getMessage() != null
                    ? e.getCause().getMessage() : e.getMessage();
            throw new DataException("Line " + handler.line() + " of data file " + label + " cannot be read: "
                    + reason + ".", e);
        } catch (UncheckedIOException e) {
            throw ioProblem(e.getCause(), label, handler);
        } catch (IOException e) {
            throw ioProblem(e, label, handler);
        }
    }

    private static RuntimeException ioProblem(IOException e, String label, RecordHandler handler) {
        if (e instanceof CharacterCodingException) return new NotUtf8Exception();
        return new DataException("Data file " + label + " could not be read after line " + handler.line() + ": "
                + e.getMessage() + ".", e);
    }

    private static Reader reader(Path file, Charset charset) throws IOException {
        CodingErrorAction onError = charset.equals(StandardCharsets.UTF_8)
                ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE;
        PushbackReader reader = new PushbackReader(new InputStreamReader(Files.newInputStream(file),
                charset.newDecoder().onMalformedInput(onError).onUnmappableCharacter(onError)));
        int first = reader.read();
        if (first >= 0 && first != '\uFEFF') reader.unread(first); // skip a byte-order mark
        return reader;
    }

    private static long checkReadable(Path file, String label) {
        if (!Files.exists(file)) throw new DataException("Data file " + label + " does not exist.");
        if (Files.isDirectory(file)) throw new DataException("Data file " + label + " is a directory, not a file.");
        if (!Files.isRegularFile(file)) {
            // the file is read more than once (to detect its format, and a second pass for some columns)
            throw new DataException("Data file " + label + " is not a regular file but a pipe or a device (such as"
                    + " /dev/stdin or a FIFO), which can be read only once; save the data to a file and name that.");
        }
        if (!Files.isReadable(file)) throw new DataException("Data file " + label + " cannot be read (no permission).");
        try {
            long size = Files.size(file);
            if (size == 0) throw new DataException("Data file " + label + " is empty.");
            return size;
        } catch (IOException e) {
            throw new DataException("Data file " + label + " cannot be read: " + e.getMessage() + ".", e);
        }
    }

    private record Sample(String text, boolean wholeFile) {
    }

    /** The first characters of the file, BOM removed; a multi-byte character cut at the end is dropped. */
    private static Sample sample(Path file, String label, Charset charset) {
        byte[] bytes;
        boolean whole;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(SAMPLE_BYTES + 1);
            whole = bytes.length <= SAMPLE_BYTES;
            if (!whole) bytes = java.util.Arrays.copyOf(bytes, SAMPLE_BYTES);
        } catch (NoSuchFileException e) {
            throw new DataException("Data file " + label + " does not exist.", e);
        } catch (AccessDeniedException e) {
            throw new DataException("Data file " + label + " cannot be read (no permission).", e);
        } catch (IOException e) {
            throw new DataException("Data file " + label + " cannot be read: " + e.getMessage() + ".", e);
        }
        String text;
        try {
            text = charset.equals(StandardCharsets.UTF_8)
                    ? charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes)).toString()
                    : new String(bytes, charset);
        } catch (CharacterCodingException e) {
            if (whole) throw new NotUtf8Exception();
            // the sample may end inside a multi-byte character: decode leniently; the full read checks strictly
            text = new String(bytes, charset);
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        return new Sample(text, whole);
    }

    private static String datasetName(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The file is not valid UTF-8: read it again as Windows-1252. */
    private static final class NotUtf8Exception extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotUtf8Exception() {
            super(null, null, false, false);
        }
    }
}
