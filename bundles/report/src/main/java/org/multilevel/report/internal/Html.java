package org.multilevel.report.internal;

import java.util.List;
import org.multilevel.report.text.TextTable;

/** Small XHTML writing helpers: escaping and tables. */
public final class Html {
    private Html() {
    }

    public static String escape(String text) {
        if (text == null) return "";
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> {
                    // characters XML 1.0 does not allow are left out
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') s.append(c);
                }
            }
        }
        return s.toString();
    }

    /** A text table as an HTML table (numbers right-aligned), with its footnotes in the footer. */
    public static String table(TextTable table, String caption) {
        StringBuilder s = new StringBuilder("<table>");
        if (caption != null) s.append("<caption>").append(escape(caption)).append("</caption>");
        List<String> titles = table.titles();
        List<TextTable.Align> align = table.alignments();
        s.append("<thead><tr>");
        for (int j = 0; j < titles.size(); j++) {
            s.append("<th class=\"").append(cls(align.get(j))).append("\">").append(escape(titles.get(j))).append("</th>");
        }
        s.append("</tr></thead><tbody>");
        for (List<String> row : table.rows()) {
            s.append("<tr>");
            for (int j = 0; j < row.size(); j++) {
                s.append("<td class=\"").append(cls(align.get(j))).append("\">").append(escape(row.get(j))).append("</td>");
            }
            s.append("</tr>");
        }
        s.append("</tbody>");
        if (!table.footnotes().isEmpty()) {
            s.append("<tfoot>");
            for (String note : table.footnotes()) {
                s.append("<tr><td colspan=\"").append(titles.size()).append("\">").append(escape(note)).append("</td></tr>");
            }
            s.append("</tfoot>");
        }
        return s.append("</table>\n").toString();
    }

    private static String cls(TextTable.Align align) {
        return align == TextTable.Align.RIGHT ? "num" : "txt";
    }
}
