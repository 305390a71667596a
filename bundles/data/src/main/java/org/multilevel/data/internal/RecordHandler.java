package org.multilevel.data.internal;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordWrapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.multilevel.api.data.DataException;

/**
 * Receives FastCSV's fields straight from its character buffer and hands each to its column's builder, so no
 * String is made for a number and no row is kept. The first non-blank record is the header.
 *
 * <p>A record consisting of one blank unquoted field is a blank line and is skipped (as R does); to tell, the
 * first field is committed only once a second field arrives or the record ends.
 */
final class RecordHandler extends AbstractBaseCsvCallbackHandler<RecordHandler> {
    private final String file;
    private final char decimalMark;
    private final char[][] missingTokens;
    private final int initialCapacity;
    private final long preallocatedCells;
    private final boolean secondPass;

    private List<String> header = new ArrayList<>();
    private ColumnBuilder[] columns;
    private int columnCount;
    private int dataRows;
    private long line;
    private boolean inHeader;
    private boolean firstFieldPending;
    private boolean lastFieldQuoted;

    /**
     * A first pass: reads the header and infers every column.
     *
     * @param initialCapacity   rows to preallocate per column (an estimate from the file size)
     * @param preallocatedCells the most cells to preallocate over all columns, however many there are
     */
    RecordHandler(String file, char decimalMark, Set<String> missingTokens, int initialCapacity,
                  long preallocatedCells) {
        this(file, decimalMark, missingTokens, initialCapacity, preallocatedCells, null);
    }

    /**
     * A second pass for some columns only: {@code columns} has a builder for each column to read and null for
     * the others; the header is skipped.
     */
    RecordHandler(String file, char decimalMark, Set<String> missingTokens, int initialCapacity,
                  ColumnBuilder[] columns) {
        this(file, decimalMark, missingTokens, initialCapacity, Long.MAX_VALUE, columns);
    }

    private RecordHandler(String file, char decimalMark, Set<String> missingTokens, int initialCapacity,
                          long preallocatedCells, ColumnBuilder[] columns) {
        this.file = file;
        this.decimalMark = decimalMark;
        this.missingTokens = missingTokens.stream().map(String::toCharArray).toArray(char[][]::new);
        this.initialCapacity = initialCapacity;
        this.preallocatedCells = preallocatedCells;
        this.secondPass = columns != null;
        this.columns = columns;
        this.columnCount = columns == null ? 0 : columns.length;
        this.inHeader = true;
    }

    List<String> header() {
        return header;
    }

    ColumnBuilder[] columns() {
        return columns;
    }

    int dataRows() {
        return dataRows;
    }

    /** Line where the record being read started (1-based). */
    long line() {
        return line;
    }

    /** Whether the last field read was quoted (an unclosed quote swallows the rest of the file into it). */
    boolean lastFieldQuoted() {
        return lastFieldQuoted;
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
        line = startingLineNumber;
        firstFieldPending = false;
    }

    @Override
    protected void handleField(int index, char[] buf, int offset, int length, boolean quoted) {
        lastFieldQuoted = quoted;
        if (inHeader) {
            if (!secondPass) header.add(new String(buf, offset, length));
            return;
        }
        if (index >= columnCount) return; // counted by getFieldCount(); reported in buildRecord
        int start = offset;
        int end = offset + length;
        while (start < end && buf[start] <= ' ') start++;
        while (end > start && buf[end - 1] <= ' ') end--;
        if (index == 0 && start == end && !quoted) {
            firstFieldPending = true;
            return;
        }
        if (index == 1 && firstFieldPending) {
            commitMissing(0);
            firstFieldPending = false;
        }
        ColumnBuilder column = columns[index];
        if (column == null) return;
        if (isMissing(buf, start, end - start)) column.addMissing();
        else column.add(buf, start, end - start, decimalMark);
    }

    private void commitMissing(int index) {
        if (columns[index] != null) {
            if (isMissing(null, 0, 0)) columns[index].addMissing();
            else columns[index].add(new char[0], 0, 0, decimalMark);
        }
    }

    private boolean isMissing(char[] buf, int offset, int length) {
        for (char[] token : missingTokens) {
            if (token.length != length) continue;
            boolean same = true;
            for (int i = 0; i < length && same; i++) same = token[i] == buf[offset + i];
            if (same) return true;
        }
        return false;
    }

    @Override
    protected RecordWrapper<RecordHandler> buildRecord() {
        if (isEmptyLine() || firstFieldPending && getFieldCount() == 1) {
            firstFieldPending = false;
            return wrapRecord(this);
        }
        if (inHeader) {
            inHeader = false;
            if (!secondPass) startColumns();
            return wrapRecord(this);
        }
        int fields = getFieldCount();
        if (fields != columnCount) throw wrongFieldCount(fields);
        dataRows++;
        return wrapRecord(this);
    }

    private void startColumns() {
        List<String> names = new ArrayList<>(header.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (i == 0 && name.startsWith("\uFEFF")) name = name.substring(1);
            name = name.replace(LoneCrReader.STAND_IN, '\r');
            name = name.trim();
            // a quote after a blank is not a quote to the CSV parser: unquote such a name here
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1).trim();
            }
            if (name.isEmpty()) {
                throw new DataException("Data file " + file + ": column " + (i + 1) + " of the header (line " + line
                        + ") has no name; every column needs a name in the first line.");
            }
            Integer earlier = seen.putIfAbsent(name, i);
            if (earlier != null) {
                throw new DataException("Data file " + file + ": the header (line " + line + ") names column '"
                        + name + "' twice (columns " + (earlier + 1) + " and " + (i + 1) + ").");
            }
            names.add(name);
        }
        header = names;
        columnCount = names.size();
        columns = new ColumnBuilder[columnCount];
        int capacity = (int) Math.min(initialCapacity, preallocatedCells / Math.max(1, columnCount));
        for (int i = 0; i < columnCount; i++) columns[i] = new ColumnBuilder(names.get(i), capacity, false);
    }

    private DataException wrongFieldCount(int fields) {
        String detail;
        if (fields < columnCount) {
            detail = "no value for column '" + columnName(fields) + "'";
        } else {
            detail = "one field more than column '" + columnName(columnCount - 1)
                    + "' allows; is there an unquoted delimiter or a stray quote?";
        }
        return new DataException("Line " + line + " of data file " + file + " has " + fields + " field"
                + (fields == 1 ? "" : "s") + " but the header has " + columnCount + " (" + detail + ").");
    }

    private String columnName(int index) {
        if (!secondPass) return header.get(index);
        return columns[index] != null ? columns[index].name() : "number " + (index + 1);
    }
}
