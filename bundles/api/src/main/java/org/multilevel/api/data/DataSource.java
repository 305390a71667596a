package org.multilevel.api.data;

import java.util.List;

/**
 * How a data file was read, for the user and the results document.
 *
 * @param file        the file as named by the user
 * @param encoding    the character encoding the text was decoded with ("UTF-8", "windows-1252", "UTF-16")
 * @param delimiter   the field delimiter used
 * @param decimalMark the decimal mark used
 * @param notes       plain sentences about choices the user should know of (a decimal comma detected, a file
 *                    that was not valid UTF-8)
 */
public record DataSource(String file, String encoding, char delimiter, char decimalMark, List<String> notes) {
    public DataSource {
        notes = List.copyOf(notes);
    }
}
