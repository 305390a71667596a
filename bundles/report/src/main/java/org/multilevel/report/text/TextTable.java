package org.multilevel.report.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An aligned plain-text table: named columns, left-aligned text and right-aligned numbers, an optional rule
 * under the header, and footnotes below. Cells are strings formatted by the caller (see {@link RNumbers}).
 * Instances are built once and not shared while being filled.
 */
public final class TextTable {
    /** How a column's cells line up. */
    public enum Align { LEFT, RIGHT }

    private record Column(String title, Align align) {
    }

    private final List<Column> columns = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> footnotes = new ArrayList<>();
    private boolean rule;
    private String indent = "";
    private String separator = " ";

    public TextTable column(String title, Align align) {
        columns.add(new Column(title == null ? "" : title, align));
        return this;
    }

    public TextTable left(String title) {
        return column(title, Align.LEFT);
    }

    public TextTable right(String title) {
        return column(title, Align.RIGHT);
    }

    /** Draws a rule of dashes under the header. */
    public TextTable rule(boolean on) {
        this.rule = on;
        return this;
    }

    /** Text put before every line. */
    public TextTable indent(String text) {
        this.indent = text;
        return this;
    }

    /** Text between columns (one space by default). */
    public TextTable separator(String text) {
        this.separator = text;
        return this;
    }

    /** Adds a row; missing trailing cells are blank, null cells are blank. */
    public TextTable row(String... cells) {
        if (cells.length > columns.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, the table " + columns.size() + " columns");
        }
        String[] row = Arrays.copyOf(cells, columns.size());
        for (int i = 0; i < row.length; i++) if (row[i] == null) row[i] = "";
        rows.add(row);
        return this;
    }

    public TextTable footnote(String text) {
        footnotes.add(text);
        return this;
    }

    public int rowCount() {
        return rows.size();
    }

    /** Column titles in order (for renderers of other formats). */
    public List<String> titles() {
        List<String> out = new ArrayList<>();
        for (Column c : columns) out.add(c.title());
        return out;
    }

    public List<Align> alignments() {
        List<Align> out = new ArrayList<>();
        for (Column c : columns) out.add(c.align());
        return out;
    }

    /** The rows' cells, blank where not given. */
    public List<List<String>> rows() {
        List<List<String>> out = new ArrayList<>();
        for (String[] row : rows) out.add(List.of(row));
        return out;
    }

    public List<String> footnotes() {
        return List.copyOf(footnotes);
    }

    /** The table as lines joined by '\n', ending with a line break. */
    public String render() {
        int n = columns.size();
        int[] width = new int[n];
        for (int j = 0; j < n; j++) {
            width[j] = columns.get(j).title().length();
            for (String[] row : rows) width[j] = Math.max(width[j], row[j].length());
        }
        StringBuilder out = new StringBuilder();
        String[] header = new String[n];
        for (int j = 0; j < n; j++) header[j] = columns.get(j).title();
        line(out, header, width);
        if (rule) {
            int total = 0;
            for (int j = 0; j < n; j++) total += width[j] + (j > 0 ? separator.length() : 0);
            out.append(indent).append("-".repeat(total)).append('\n');
        }
        for (String[] row : rows) line(out, row, width);
        for (String note : footnotes) out.append(indent).append(note).append('\n');
        return out.toString();
    }

    private void line(StringBuilder out, String[] cells, int[] width) {
        StringBuilder line = new StringBuilder(indent);
        for (int j = 0; j < cells.length; j++) {
            if (j > 0) line.append(separator);
            line.append(pad(cells[j], width[j], columns.get(j).align()));
        }
        out.append(strip(line)).append('\n');
    }

    private static String pad(String text, int width, Align align) {
        String fill = " ".repeat(Math.max(0, width - text.length()));
        return align == Align.LEFT ? text + fill : fill + text;
    }

    private static String strip(StringBuilder line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') end--;
        return line.substring(0, end);
    }

    @Override
    public String toString() {
        return render();
    }
}
