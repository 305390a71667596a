package org.multilevel.derived.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: the first column left-aligned, the others right-aligned, two spaces between columns. A
 * row shorter than the header lets its last cell run on (a note in place of the remaining columns).
 */
public final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    public TextTable addRow(List<String> cells) {
        rows.add(List.copyOf(cells));
        return this;
    }

    public TextTable addRow(String... cells) {
        return addRow(List.of(cells));
    }

    public String render() {
        int[] width = new int[header.size()];
        for (int c = 0; c < header.size(); c++) width[c] = header.get(c).length();
        for (List<String> row : rows) {
            int measured = row.size() < header.size() ? row.size() - 1 : row.size();
            for (int c = 0; c < Math.min(measured, width.length); c++) width[c] = Math.max(width[c], row.get(c).length());
        }
        StringBuilder out = new StringBuilder();
        line(out, header, width);
        for (List<String> row : rows) line(out, row, width);
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            if (c > 0) line.append("  ");
            boolean runOn = c == cells.size() - 1 && cells.size() < width.length;
            if (c == 0 || runOn || c >= width.length) {
                line.append(cell);
                if (c == 0 && !runOn) line.append(" ".repeat(Math.max(0, width[0] - cell.length())));
            } else {
                line.append(" ".repeat(Math.max(0, width[c] - cell.length()))).append(cell);
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
