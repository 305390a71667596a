package org.multilevel.report.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.multilevel.api.results.ColumnType;
import org.multilevel.api.results.Footnote;
import org.multilevel.api.results.ResultContainer;
import org.multilevel.api.results.ResultElement;
import org.multilevel.api.results.ResultPlot;
import org.multilevel.api.results.ResultTable;
import org.multilevel.api.results.Results;
import org.multilevel.api.results.TableColumn;
import org.multilevel.report.text.RNumbers;
import org.multilevel.report.text.TextTable;

/**
 * Renders a {@link Results} tree as aligned text or as one self-contained HTML page. Footnotes attached to a
 * column, row or cell get a letter marker there; table footnotes are listed without one.
 */
public final class ResultsRenderer {
    private ResultsRenderer() {
    }

    /** A cell as shown: numbers by the column's format hint, p-values as R prints them, null as blank. */
    public static String cell(TableColumn column, Object value) {
        if (value == null) return "";
        if (column.type() == ColumnType.STRING || !(value instanceof Number n)) return value.toString();
        if (column.type() == ColumnType.INTEGER) return Long.toString(n.longValue());
        double x = n.doubleValue();
        if (column.type() == ColumnType.PVALUE) return RNumbers.pValue(x);
        String f = column.format();
        if (f != null && f.matches("dp:\\d+")) return RNumbers.fixed(x, Integer.parseInt(f.substring(3)));
        if (f != null && f.matches("sf:\\d+")) return RNumbers.format(x, Integer.parseInt(f.substring(3)));
        return RNumbers.format(x, 7);
    }

    public static String text(Results results) {
        StringBuilder out = new StringBuilder(results.title()).append('\n')
                .append("=".repeat(results.title().length())).append("\n\n");
        for (ResultElement e : results.elements()) text(e, out);
        return out.toString();
    }

    private static void text(ResultElement element, StringBuilder out) {
        if (element instanceof ResultContainer c) {
            out.append(c.title()).append('\n').append("-".repeat(c.title().length())).append("\n\n");
            for (ResultElement e : c.elements()) text(e, out);
        } else if (element instanceof ResultTable t) {
            out.append(t.title()).append(":\n").append(textTable(t).render()).append('\n');
        } else if (element instanceof ResultPlot p) {
            out.append("[plot] ").append(p.title());
            if (p.caption() != null && !p.caption().isEmpty()) out.append(": ").append(p.caption());
            out.append("\n\n");
        }
    }

    /** The table with its markers and footnotes as a {@link TextTable}. */
    static TextTable textTable(ResultTable t) {
        Markers m = new Markers(t);
        TextTable table = new TextTable();
        for (TableColumn c : t.columns()) {
            String title = c.title() + m.column(c.name());
            if (c.type() == ColumnType.STRING) table.left(title);
            else table.right(title);
        }
        for (int i = 0; i < t.rows().size(); i++) {
            Map<String, Object> row = t.rows().get(i);
            String[] cells = new String[t.columns().size()];
            for (int j = 0; j < cells.length; j++) {
                TableColumn c = t.columns().get(j);
                cells[j] = cell(c, row.get(c.name())) + m.cell(c.name(), i) + (j == 0 ? m.row(i) : "");
            }
            table.row(cells);
        }
        for (String note : m.notes()) table.footnote(note);
        return table;
    }

    public static String html(Results results) {
        StringBuilder body = new StringBuilder("<h1>").append(Html.escape(results.title())).append("</h1>\n");
        int[] plotIndex = {0};
        for (ResultElement e : results.elements()) html(e, body, 2, plotIndex);
        return HtmlReport.document(results.title(), body.toString());
    }

    private static void html(ResultElement element, StringBuilder out, int level, int[] plotIndex) {
        int h = Math.min(level, 6);
        if (element instanceof ResultContainer c) {
            out.append("<section><h").append(h).append('>').append(Html.escape(c.title())).append("</h").append(h).append(">\n");
            for (ResultElement e : c.elements()) html(e, out, level + 1, plotIndex);
            out.append("</section>\n");
        } else if (element instanceof ResultTable t) {
            out.append(htmlTable(t));
        } else if (element instanceof ResultPlot p) {
            out.append("<figure>");
            if (p.svg() != null) out.append(p.svg());
            out.append("<figcaption><b>").append(Html.escape(p.title())).append(".</b> ")
                    .append(Html.escape(p.caption())).append("</figcaption></figure>\n");
            plotIndex[0]++;
        }
    }

    static String htmlTable(ResultTable t) {
        Markers m = new Markers(t);
        StringBuilder s = new StringBuilder("<table id=\"").append(Html.escape(t.name())).append("\"><caption>")
                .append(Html.escape(t.title())).append("</caption><thead><tr>");
        for (TableColumn c : t.columns()) {
            s.append("<th class=\"").append(cls(c)).append("\">").append(Html.escape(c.title())).append(sup(m.column(c.name())))
                    .append("</th>");
        }
        s.append("</tr></thead><tbody>");
        for (int i = 0; i < t.rows().size(); i++) {
            s.append("<tr>");
            for (int j = 0; j < t.columns().size(); j++) {
                TableColumn c = t.columns().get(j);
                s.append("<td class=\"").append(cls(c)).append("\">").append(Html.escape(cell(c, t.rows().get(i).get(c.name()))))
                        .append(sup(m.cell(c.name(), i) + (j == 0 ? m.row(i) : ""))).append("</td>");
            }
            s.append("</tr>");
        }
        s.append("</tbody>");
        if (!m.notes().isEmpty()) {
            s.append("<tfoot>");
            for (String note : m.notes()) {
                s.append("<tr><td colspan=\"").append(Math.max(1, t.columns().size())).append("\">").append(Html.escape(note))
                        .append("</td></tr>");
            }
            s.append("</tfoot>");
        }
        return s.append("</table>\n").toString();
    }

    private static String sup(String marker) {
        return marker.isEmpty() ? "" : "<sup>" + Html.escape(marker.trim()) + "</sup>";
    }

    private static String cls(TableColumn c) {
        return c.type() == ColumnType.STRING ? "txt" : "num";
    }

    /** Letter markers of a table's attached footnotes, and the notes' lines ("a. text", "Note. text"). */
    private static final class Markers {
        private final Map<String, StringBuilder> byTarget = new HashMap<>();
        private final List<String> notes = new ArrayList<>();

        Markers(ResultTable t) {
            int letter = 0;
            for (Footnote f : t.footnotes()) {
                if (f.target() == Footnote.Target.TABLE) {
                    notes.add("Note. " + f.text());
                    continue;
                }
                String mark = letter < 26 ? String.valueOf((char) ('a' + letter)) : "n" + letter;
                letter++;
                String key = switch (f.target()) {
                    case COLUMN -> "c:" + f.column();
                    case ROW -> "r:" + f.row();
                    default -> "x:" + f.column() + ":" + f.row();
                };
                StringBuilder marks = byTarget.computeIfAbsent(key, k -> new StringBuilder());
                marks.append(marks.length() == 0 ? " " : ",").append(mark);
                notes.add(mark + ". " + f.text());
            }
        }

        String column(String name) {
            return get("c:" + name);
        }

        String row(int row) {
            return get("r:" + row);
        }

        String cell(String column, int row) {
            return get("x:" + column + ":" + row);
        }

        List<String> notes() {
            return notes;
        }

        private String get(String key) {
            StringBuilder s = byTarget.get(key);
            return s == null ? "" : s.toString();
        }
    }
}
