package org.multilevel.data.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Detects the delimiter and the decimal mark from the first lines of a file.
 *
 * <p>Delimiter: among comma, semicolon and tab, the one that splits the header into the most fields while
 * giving every sampled line the same number of fields; if none is consistent, the one giving the header the
 * most fields; a file whose header has none of them has a single column. Decimal mark: a comma only where
 * that is unambiguous, when the delimiter is a semicolon (as European spreadsheets write CSV) and the sampled
 * cells hold numbers written with a decimal comma ("3,14") but none with a decimal point; else a point. In a
 * comma- or tab-separated file "40,606" may be a thousands separator, so it is never read as 40.606: such cells
 * are text.
 */
final class FormatSniffer {
    static final char[] CANDIDATES = {',', ';', '\t'};
    private static final int MAX_SAMPLE_RECORDS = 200;
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?[0-9]+,[0-9]+([eE][+-]?[0-9]+)?");
    private static final Pattern DECIMAL_POINT = Pattern.compile("[+-]?[0-9]*\\.[0-9]+([eE][+-]?[0-9]+)?");

    /**
     * @param delimiter    detected delimiter
     * @param decimalMark  detected decimal mark
     * @param charsPerLine average characters per sampled data record (for sizing the column arrays), or 0 when
     *                     the sample holds no complete data record (a header longer than the sample)
     */
    record Format(char delimiter, char decimalMark, double charsPerLine) {
    }

    private FormatSniffer() {
    }

    /**
     * @param sample        the file's first characters (BOM removed)
     * @param wholeFile     whether the sample is the whole file (else its last record may be cut short)
     * @param delimiter     the delimiter asked for, or 0 to detect it
     * @param decimalMark   the decimal mark asked for, or 0 to detect it
     */
    static Format sniff(String sample, boolean wholeFile, char delimiter, char decimalMark) {
        List<String> records = records(sample, wholeFile);
        char chosenDelimiter = delimiter != 0 ? delimiter : detectDelimiter(records);
        char chosenDecimal = decimalMark != 0 ? decimalMark : detectDecimal(records, chosenDelimiter);
        long chars = 0;
        for (int i = 1; i < records.size(); i++) chars += records.get(i).length() + 1;
        double perLine = records.size() < 2 ? 0 : Math.max(1.0, (double) chars / (records.size() - 1));
        return new Format(chosenDelimiter, chosenDecimal, perLine);
    }

    private static char detectDelimiter(List<String> records) {
        if (records.isEmpty()) return ',';
        char best = ',';
        int bestFields = 1;
        boolean bestConsistent = false;
        for (char candidate : CANDIDATES) {
            int headerFields = split(records.get(0), candidate).size();
            if (headerFields < 2) continue;
            boolean consistent = true;
            for (int i = 1; i < records.size() && consistent; i++) {
                consistent = split(records.get(i), candidate).size() == headerFields;
            }
            boolean better = consistent && !bestConsistent
                    || consistent == bestConsistent && headerFields > bestFields;
            if (better) {
                best = candidate;
                bestFields = headerFields;
                bestConsistent = consistent;
            }
        }
        return best;
    }

    private static char detectDecimal(List<String> records, char delimiter) {
        if (delimiter != ';') return '.';
        int commas = 0;
        int points = 0;
        for (int i = 1; i < records.size(); i++) {
            for (String field : split(records.get(i), delimiter)) {
                String cell = field.trim();
                if (DECIMAL_COMMA.matcher(cell).matches()) commas++;
                else if (DECIMAL_POINT.matcher(cell).matches()) points++;
            }
        }
        return commas > 0 && points == 0 ? ',' : '.';
    }

    /** Non-blank records of the sample; a newline inside quotes does not end a record. */
    static List<String> records(String sample, boolean wholeFile) {
        List<String> records = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < sample.length() && records.size() < MAX_SAMPLE_RECORDS; i++) {
            char c = sample.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                addRecord(records, sample.substring(start, i));
                if (c == '\r' && i + 1 < sample.length() && sample.charAt(i + 1) == '\n') i++;
                start = i + 1;
            }
        }
        boolean headerCut = records.isEmpty(); // a header longer than the sample: its fields still tell the delimiter
        if ((wholeFile || headerCut) && records.size() < MAX_SAMPLE_RECORDS && start < sample.length()) {
            addRecord(records, sample.substring(start));
        }
        return records;
    }

    private static void addRecord(List<String> records, String record) {
        if (!record.isBlank()) records.add(record);
    }

    /** The fields of one record, unquoted. */
    static List<String> split(String record, char delimiter) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < record.length() && record.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == delimiter && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
