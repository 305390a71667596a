package org.multilevel.formula;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.multilevel.api.data.CategoricalColumn;
import org.multilevel.api.data.Column;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.NumericColumn;

/** A minimal CSV reader for the shared reference data (simple quoting, no embedded commas), as R's read.csv types it. */
final class TestData {
    static final Path SHARED = Path.of(System.getProperty("user.dir")).resolve("../../../shared").normalize();

    private TestData() {
    }

    static Dataset read(String file) {
        try {
            List<String> lines = Files.readAllLines(SHARED.resolve("data").resolve(file));
            String[] header = split(lines.get(0));
            int rows = lines.size() - 1;
            String[][] cells = new String[header.length][rows];
            for (int i = 0; i < rows; i++) {
                String[] parts = split(lines.get(i + 1));
                for (int j = 0; j < header.length; j++) cells[j][i] = parts[j];
            }
            List<Column> columns = new ArrayList<>();
            for (int j = 0; j < header.length; j++) columns.add(column(unquote(header[j]), cells[j]));
            return new Dataset(file, columns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Dataset of(String name, Column... columns) {
        return new Dataset(name, List.of(columns));
    }

    static CategoricalColumn categorical(String name, String... values) {
        TreeSet<String> levels = new TreeSet<>();
        for (String v : values) {
            if (v != null) levels.add(v);
        }
        List<String> sorted = new ArrayList<>(levels);
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) codes[i] = values[i] == null ? -1 : sorted.indexOf(values[i]);
        return new CategoricalColumn(name, codes, sorted);
    }

    private static Column column(String name, String[] cells) {
        double[] values = new double[cells.length];
        boolean numeric = true;
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            if (c.isEmpty() || c.equals("NA")) {
                values[i] = Double.NaN;
                continue;
            }
            if (c.startsWith("\"")) {
                numeric = false;
                break;
            }
            try {
                values[i] = Double.parseDouble(c);
            } catch (NumberFormatException e) {
                numeric = false;
                break;
            }
        }
        if (numeric) return new NumericColumn(name, values);
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            String c = unquote(cells[i]);
            text[i] = c.isEmpty() || c.equals("NA") ? null : c;
        }
        return categorical(name, text);
    }

    private static String[] split(String line) {
        String[] parts = line.split(",", -1);
        return parts;
    }

    private static String unquote(String s) {
        return s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
