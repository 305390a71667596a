package org.multilevel.api.data;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How to read a data file. The first three apply to delimited text; {@code settings} carries what only some
 * formats have, under the names below (an importer ignores the settings it does not know).
 *
 * @param delimiter     field delimiter, or 0 to detect it (comma, semicolon, tab)
 * @param decimal       decimal mark, or 0 to detect it ('.' or ',' when the delimiter is not a comma)
 * @param missingTokens cell texts that mean "missing" besides the empty cell
 * @param settings      format-specific settings by name, e.g. {@value #SHEET}
 */
public record ImportOptions(char delimiter, char decimal, Set<String> missingTokens, Map<String, String> settings) {
    public static final Set<String> DEFAULT_MISSING = Set.of("", "NA", ".");
    /** The worksheet of a workbook to read, by name (the first sheet when not set). */
    public static final String SHEET = "sheet";

    public ImportOptions {
        missingTokens = Set.copyOf(missingTokens);
        settings = Map.copyOf(settings);
    }

    public ImportOptions(char delimiter, char decimal, Set<String> missingTokens) {
        this(delimiter, decimal, missingTokens, Map.of());
    }

    public static ImportOptions defaults() {
        return new ImportOptions((char) 0, (char) 0, DEFAULT_MISSING);
    }

    /** A setting, when given. */
    public Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    /** These options with one setting added or replaced. */
    public ImportOptions with(String name, String value) {
        Map<String, String> next = new java.util.HashMap<>(settings);
        next.put(name, value);
        return new ImportOptions(delimiter, decimal, missingTokens, next);
    }
}
