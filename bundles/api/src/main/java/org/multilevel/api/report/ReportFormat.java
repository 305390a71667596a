package org.multilevel.api.report;

/** Output formats of the reporting service. */
public enum ReportFormat {
    TEXT, JSON, HTML;

    public static ReportFormat parse(String text) {
        for (ReportFormat f : values()) {
            if (f.name().equalsIgnoreCase(text.trim())) return f;
        }
        throw new IllegalArgumentException("unknown format '" + text + "' (use text, json or html)");
    }
}
