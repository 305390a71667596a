package org.multilevel.api.analysis;

import java.util.ArrayList;
import java.util.List;
import org.multilevel.api.results.ResultElement;
import org.multilevel.api.results.ResultTable;
import org.multilevel.api.results.TableColumn;

/**
 * A block of derived results (ICC, design effect, R², contrasts, ...): its data under its own key of the results
 * JSON document, and its presentation as typed elements of the results model. Text, HTML, LaTeX and the host
 * {@link org.multilevel.api.results.Results} render {@code elements}; the JSON document writes {@code json}. A
 * contributor never formats numbers: cells hold full-precision values and columns carry format hints.
 *
 * @param key      the JSON key ("icc", "designEffect", ...); also the name of the section's container
 * @param title    heading of the section
 * @param json     the value under {@code key}: records, maps, lists, strings, numbers or booleans, as Jackson writes them
 * @param elements the section's tables and plots, in display order
 */
public record ResultSection(String key, String title, Object json, List<ResultElement> elements) {
    public ResultSection {
        elements = List.copyOf(elements);
    }

    /**
     * Transitional: a section still given as preformatted text, kept as a one-column table of its lines until its
     * contributor builds real tables. To be removed before the 2.0.0 API is released.
     */
    @Deprecated(forRemoval = true)
    public ResultSection(String key, String title, Object json, String text) {
        this(key, title, json, List.of(lines(key, title, text)));
    }

    private static ResultElement lines(String key, String title, String text) {
        ResultTable.Builder table = ResultTable.builder(key, title).column(TableColumn.string("line", ""));
        String body = text == null ? "" : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        for (String line : body.split("\n", -1)) table.row(line);
        return table.build();
    }

    /**
     * Transitional: the cells of the section's tables, a row per line, tab-separated (the text of a section still
     * given as text). To be removed with the text constructor.
     */
    @Deprecated(forRemoval = true)
    public String text() {
        StringBuilder out = new StringBuilder();
        for (ResultTable t : tables()) {
            for (java.util.Map<String, Object> row : t.rows()) {
                StringBuilder line = new StringBuilder();
                for (Object cell : row.values()) {
                    if (line.length() > 0) line.append('\t');
                    line.append(cell == null ? "" : cell);
                }
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** The tables of this section, in order (those inside containers included). */
    public List<ResultTable> tables() {
        List<ResultTable> out = new ArrayList<>();
        collect(elements, out);
        return out;
    }

    private static void collect(List<ResultElement> elements, List<ResultTable> out) {
        for (ResultElement e : elements) {
            if (e instanceof ResultTable t) out.add(t);
            else if (e instanceof org.multilevel.api.results.ResultContainer c) collect(c.elements(), out);
        }
    }
}
