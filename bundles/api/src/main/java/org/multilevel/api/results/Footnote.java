package org.multilevel.api.results;

/**
 * A note under a table, attached to the whole table (column and row null), a column (column only), a row
 * (row only) or a cell (both).
 *
 * @param column name of the column it is attached to, or null
 * @param row    index of the row it is attached to (0 = first row), or null
 */
public record Footnote(String text, String column, Integer row) {
    /** What a footnote is attached to. */
    public enum Target { TABLE, COLUMN, ROW, CELL }

    public static Footnote table(String text) {
        return new Footnote(text, null, null);
    }

    public static Footnote column(String text, String column) {
        return new Footnote(text, column, null);
    }

    public static Footnote row(String text, int row) {
        return new Footnote(text, null, row);
    }

    public static Footnote cell(String text, String column, int row) {
        return new Footnote(text, column, row);
    }

    public Target target() {
        if (column == null) return row == null ? Target.TABLE : Target.ROW;
        return row == null ? Target.COLUMN : Target.CELL;
    }
}
