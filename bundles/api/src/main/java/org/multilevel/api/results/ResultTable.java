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
}
