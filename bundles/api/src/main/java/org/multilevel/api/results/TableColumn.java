package org.multilevel.api.results;

/**
 * One column of a {@link ResultTable}.
 *
 * @param name   key of the column's cells in each row (stable; hosts address cells by it)
 * @param title  heading shown to people
 * @param type   what the cells hold
 * @param format format hint for numbers: "dp:N" (N decimals), "sf:N" (N significant digits), or null
 */
public record TableColumn(String name, String title, ColumnType type, String format) {
    public static TableColumn string(String name, String title) {
        return new TableColumn(name, title, ColumnType.STRING, null);
    }

    public static TableColumn integer(String name, String title) {
        return new TableColumn(name, title, ColumnType.INTEGER, null);
    }

    public static TableColumn number(String name, String title, String format) {
        return new TableColumn(name, title, ColumnType.NUMBER, format);
    }

    public static TableColumn pvalue(String name, String title) {
        return new TableColumn(name, title, ColumnType.PVALUE, null);
    }
}
