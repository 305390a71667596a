package org.multilevel.report.files;

/**
 * How one cell of an exported CSV file is spelled. Text from the data (column names, factor levels, group
 * names) may be opened by a spreadsheet, which runs a cell that starts with {@code = + - @}, a tab or a carriage
 * return as a formula (CSV injection): such a text cell gets a leading apostrophe, as OWASP recommends, and is
 * quoted. Numbers the program writes itself ({@code -1.5}) are numbers and are never altered.
 */
public final class CsvCells {
    private CsvCells() {
    }

    /** A text cell: neutralized when a spreadsheet would read it as a formula, quoted when it needs quotes. */
    public static String text(String text) {
        if (text == null || text.isEmpty()) return "";
        String cell = startsLikeFormula(text) ? "'" + text : text;
        if (!needsQuotes(cell)) return cell;
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    /** A number at full precision; empty for a missing (NaN) or infinite value. */
    public static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    static boolean startsLikeFormula(String text) {
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    private static boolean needsQuotes(String cell) {
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r' || c == '\'' && i == 0) return true;
        }
        return false;
    }
}
