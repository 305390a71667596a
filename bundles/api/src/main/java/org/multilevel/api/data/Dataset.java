package org.multilevel.api.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rectangular data set read from a file or handed over by a host: named columns of equal length.
 *
 * @param source how the file was read, or null for data handed over in memory
 */
public record Dataset(String name, List<Column> columns, DataSource source) {
    /** Data handed over in memory. */
    public Dataset(String name, List<Column> columns) {
        this(name, columns, null);
    }

    public Dataset {
        columns = List.copyOf(columns);
        int rows = columns.isEmpty() ? 0 : columns.get(0).size();
        for (Column c : columns) {
            if (c.size() != rows) {
                throw new IllegalArgumentException("column " + c.name() + " has " + c.size() + " rows, expected " + rows);
            }
        }
    }

    public int rows() {
        return columns.isEmpty() ? 0 : columns.get(0).size();
    }

    public Optional<Column> column(String columnName) {
        for (Column c : columns) {
            if (c.name().equals(columnName)) return Optional.of(c);
        }
        return Optional.empty();
    }

    public List<String> columnNames() {
        List<String> names = new ArrayList<>(columns.size());
        for (Column c : columns) names.add(c.name());
        return names;
    }

    /** This data set with one column added or replaced (same name). */
    public Dataset withColumn(Column column) {
        List<Column> next = new ArrayList<>(columns);
        next.removeIf(c -> c.name().equals(column.name()));
        next.add(column);
        return new Dataset(name, next, source);
    }
}
