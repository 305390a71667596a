package org.multilevel.api.results;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table: typed columns, rows as ordered maps from column name to value (String, Integer/Long, Double, or
 * null for an empty cell), and footnotes.
 *
 * @param name stable identifier ("modelInfo", "fixedEffects", ...) a host can look the table up by
 */
public record ResultTable(String name, String title, List<TableColumn> columns, List<Map<String, Object>> rows,
                          List<Footnote> footnotes) implements ResultElement {
    public ResultTable {
        columns = List.copyOf(columns);
        List<Map<String, Object>> copied = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) copied.add(Collections.unmodifiableMap(new LinkedHashMap<>(row)));
        rows = Collections.unmodifiableList(copied);
        footnotes = List.copyOf(footnotes);
    }

    /** The column of that name, or null. */
    public TableColumn column(String columnName) {
        for (TableColumn c : columns) if (c.name().equals(columnName)) return c;
        return null;
    }

    public static Builder builder(String name, String title) {
        return new Builder(name, title);
    }

    /** Builds a table column by column, then row by row with cells in column order. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final String title;
        private final List<TableColumn> columns = new ArrayList<>();
        private final List<Map<String, Object>> rows = new ArrayList<>();
        private final List<Footnote> footnotes = new ArrayList<>();

        private Builder(String name, String title) {
            this.name = name;
            this.title = title;
        }

        public Builder column(TableColumn column) {
            columns.add(column);
            return this;
        }

        /** One row: cells in the order of the columns (String, Integer/Long, Double or null). */
        public Builder row(Object... cells) {
            if (cells.length != columns.size()) {
                throw new IllegalArgumentException("table " + name + " has " + columns.size() + " columns, row has "
                        + cells.length + " cells");
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < cells.length; i++) row.put(columns.get(i).name(), cells[i]);
            rows.add(row);
            return this;
        }

        public Builder footnote(Footnote footnote) {
            footnotes.add(footnote);
            return this;
        }

        public Builder footnote(String text) {
            return footnote(Footnote.table(text));
        }

        public int rowCount() {
            return rows.size();
        }

        public ResultTable build() {
            return new ResultTable(name, title, columns, rows, footnotes);
        }
    }
}
