package org.multilevel.api.analysis;

/**
 * A block of derived results (ICC, design effect, R², contrasts, ...) under its own key of the results JSON.
 *
 * @param key   the JSON key ("icc", "designEffect", ...)
 * @param title heading in the text report
 * @param json  the value: maps, lists, strings, numbers, booleans or records, as Jackson writes them
 * @param text  the same, rendered as aligned plain-text lines for the text report
 */
public record ResultSection(String key, String title, Object json, String text) {
}
