package org.multilevel.excel.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.multilevel.api.data.Column;
import org.multilevel.api.data.DataException;
import org.multilevel.api.data.DataFormat;
import org.multilevel.api.data.DataImporter;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.data.NumericColumn;
import org.multilevel.importsupport.Columns;
import org.multilevel.importsupport.FileBytes;
import org.osgi.service.component.annotations.Component;

/**
 * Reads the first worksheet of an Excel workbook (.xlsx), or the one named by the {@value ImportOptions#SHEET}
 * setting, with fastexcel-reader. The first row holds the column names; fully empty rows are skipped (as R's
 * openxlsx does). A column whose cells are all numbers is numeric: dates are the workbook's day numbers (Excel
 * serial dates, formatted or not), a formula counts with its cached value, an error cell (#N/A) or a text cell
 * equal to a missing-value token is missing. Any other column is a factor of its texts (numbers as their shortest
 * text, TRUE/FALSE for logicals). A formula whose value was never computed is an error. Stateless.
 */
@Component(service = DataImporter.class)
// not "xls" by extension: a text file named .xls (as some tools export) goes to the text importer; a real
// Excel 97-2003 file is claimed by its signature and refused with advice
@DataFormat(formats = "xlsx", extensions = {"xlsx", "xlsm"})
public final class ExcelDataImporter implements DataImporter {
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
        (byte) 0xE1};
    private static final ReadingOptions OPTIONS = new ReadingOptions(false, false);

    @Override
    public boolean reads(byte[] head, String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        boolean excelName = lower.endsWith(".xlsx") || lower.endsWith(".xlsm") || lower.endsWith(".xls");
        if (FileBytes.startsWith(head, OLE2)) return excelName;
        // a zip archive: an .xlsx by its name, or by a first entry inside xl/ (the [Content_Types].xml of
        // other Office documents is shared, so that alone does not tell)
        return FileBytes.startsWith(head, ZIP) && (excelName || firstEntryName(head).startsWith("xl/"));
    }

    private static String firstEntryName(byte[] head) {
        if (head.length < 30) return "";
        int length = (head[26] & 0xff) | (head[27] & 0xff) << 8;
        if (30 + length > head.length) return "";
        return new String(head, 30, length, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public Dataset read(Path file, ImportOptions options) {
        ImportOptions opts = options == null ? ImportOptions.defaults() : options;
        String label = file.toString();
        checkReadable(file, label);
        try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile(), OPTIONS)) {
            Sheet sheet = sheet(workbook, opts.setting(ImportOptions.SHEET), label);
            List<Row> rows;
            try (Stream<Row> stream = sheet.openStream()) {
                rows = stream.filter(r -> !isEmpty(r)).toList();
            }
            return dataset(datasetName(file), rows, sheet.getName(), label, opts.missingTokens());
        } catch (IOException | UncheckedIOException | ExcelReaderException e) {
            throw new DataException("Excel file " + label + " cannot be read: " + reason(e) + ".", e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // fastexcel-reader's report of a damaged archive or part
            throw new DataException("Excel file " + label + " is damaged: " + reason(e) + ".", e);
        }
    }

    private static void checkReadable(Path file, String label) {
        if (Files.isDirectory(file)) throw new DataException("Excel file " + label + " is a directory, not a file.");
        byte[] head;
        try (var in = Files.newInputStream(file)) {
            head = in.readNBytes(8);
        } catch (NoSuchFileException e) {
            throw new DataException("Data file " + label + " does not exist.");
        } catch (AccessDeniedException e) {
            throw new DataException("Data file " + label + " cannot be read: permission denied.");
        } catch (IOException e) {
            throw new DataException("Data file " + label + " cannot be read: " + e.getMessage() + ".", e);
        }
        if (head.length == 0) throw new DataException("Excel file " + label + " is empty.");
        if (FileBytes.startsWith(head, OLE2)) {
            throw new DataException("Excel file " + label + " is an Excel 97-2003 workbook (.xls), which is not read;"
                    + " save it as .xlsx (Excel Workbook) or CSV.");
        }
        if (!FileBytes.startsWith(head, ZIP)) {
            throw new DataException("Data file " + label + " is not an Excel .xlsx workbook (it is not a zip archive).");
        }
    }

    private static Sheet sheet(ReadableWorkbook workbook, Optional<String> name, String label) {
        if (name.isEmpty()) return workbook.getFirstSheet();
        Optional<Sheet> sheet = workbook.findSheet(name.get());
        if (sheet.isPresent()) return sheet.get();
        List<String> names = workbook.getSheets().map(Sheet::getName).toList();
        throw new DataException("Excel file " + label + " has no sheet named '" + name.get() + "'; its sheets are "
                + String.join(", ", names.stream().map(n -> "'" + n + "'").toList()) + ".");
    }

    private static boolean isEmpty(Row row) {
        for (Cell c : row) {
            if (c != null && !isBlank(c)) return false;
        }
        return true;
    }

    private static boolean isBlank(Cell c) {
        return switch (c.getType()) {
            case EMPTY -> true;
            case STRING -> c.getRawValue() == null || c.getText().isBlank();
            default -> c.getRawValue() == null && c.getFormula() == null;
        };
    }

    private static Dataset dataset(String name, List<Row> rows, String sheet, String label, Set<String> missing) {
        if (rows.isEmpty()) throw new DataException("Sheet '" + sheet + "' of Excel file " + label + " is empty.");
        if (rows.size() == 1) {
            throw new DataException("Sheet '" + sheet + "' of Excel file " + label
                    + " has a header row but no data rows.");
        }
        int width = 0;
        for (Row r : rows) width = Math.max(width, r.getCellCount());
        Row header = rows.get(0);
        List<String> names = new ArrayList<>(width);
        for (int j = 0; j < width; j++) {
            Cell c = j < header.getCellCount() ? header.getCell(j) : null;
            names.add(c == null || isBlank(c) ? null : text(c, sheet, label));
        }
        names = Columns.uniqueNames(names);
        int n = rows.size() - 1;
        List<Column> columns = new ArrayList<>(width);
        for (int j = 0; j < width; j++) {
            double[] numbers = new double[n];
            String[] texts = new String[n];
            boolean numeric = true;
            for (int i = 0; i < n; i++) {
                Row r = rows.get(i + 1);
                Cell c = j < r.getCellCount() ? r.getCell(j) : null;
                numbers[i] = Double.NaN;
                if (c == null || isBlank(c) || c.getType() == org.dhatim.fastexcel.reader.CellType.ERROR) continue;
                String value = text(c, sheet, label);
                if (missing.contains(value.strip())) continue;
                texts[i] = value;
                Double number = number(c);
                if (number == null) numeric = false;
                else numbers[i] = number;
            }
            columns.add(numeric ? new NumericColumn(names.get(j), numbers)
                    : Columns.text(names.get(j), texts, "", null));
        }
        return new Dataset(name, columns);
    }

    /** The cell's number (a formula's cached number), or null when it holds text or a logical. */
    private static Double number(Cell c) {
        switch (c.getType()) {
            case NUMBER:
                return Double.parseDouble(c.getRawValue());
            case FORMULA:
                try {
                    return Double.parseDouble(c.getRawValue().strip());
                } catch (NumberFormatException text) {
                    return null;
                }
            default:
                return null;
        }
    }

    /** The cell as text: numbers in their shortest form, logicals as TRUE/FALSE. */
    private static String text(Cell c, String sheet, String label) {
        String raw = c.getRawValue();
        switch (c.getType()) {
            case NUMBER:
                return Columns.number(Double.parseDouble(raw));
            case BOOLEAN:
                return "1".equals(raw) || "true".equalsIgnoreCase(raw) ? "TRUE" : "FALSE";
            case FORMULA:
                if (raw == null || raw.isEmpty()) {
                    throw new DataException("Cell " + c.getAddress() + " of sheet '" + sheet + "' in Excel file " + label
                            + " holds a formula (" + c.getFormula() + ") whose value was never computed; open and "
                            + "save the file in Excel or LibreOffice so that it stores the value.");
                }
                try {
                    return Columns.number(Double.parseDouble(raw.strip()));
                } catch (NumberFormatException text) {
                    return raw;
                }
            default:
                return c.getText() == null ? "" : c.getText();
        }
    }

    private static String datasetName(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String reason(Exception e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.strip();
    }
}
