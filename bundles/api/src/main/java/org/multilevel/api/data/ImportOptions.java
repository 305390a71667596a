package org.multilevel.api.data;

import java.util.Set;

/**
 * How to read a delimited text file.
 *
 * @param delimiter     field delimiter, or 0 to detect it (comma, semicolon, tab)
 * @param decimal       decimal mark, or 0 to detect it ('.' or ',' when the delimiter is not a comma)
 * @param missingTokens cell texts that mean "missing" besides the empty cell
 */
public record ImportOptions(char delimiter, char decimal, Set<String> missingTokens) {
    public static final Set<String> DEFAULT_MISSING = Set.of("", "NA", ".");

    public ImportOptions {
        missingTokens = Set.copyOf(missingTokens);
    }

    public static ImportOptions defaults() {
        return new ImportOptions((char) 0, (char) 0, DEFAULT_MISSING);
    }
}
