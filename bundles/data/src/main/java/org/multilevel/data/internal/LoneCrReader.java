package org.multilevel.data.internal;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Works around a FastCSV parser defect (3.4.0 and 4.0.0): a quoted field that holds a lone carriage return
 * and ends its record makes the parser lose that field and merge the next line into the record. Inside quoted
 * fields this reader passes a lone CR on as {@link #STAND_IN}, a Unicode non-character that no text file
 * holds; {@link TextDictionary} and {@link RecordHandler} turn it back into a CR, so cells keep their exact
 * text. Quotes are tracked as the parser does: a quote opens a field only as its first character, and a
 * doubled quote inside is a quote.
 */
final class LoneCrReader extends FilterReader {
    static final char STAND_IN = '\uFFFF';

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final char delimiter;
    private State state = State.FIELD_START;
    private boolean replaced;
    private int lookahead = -1;

    LoneCrReader(Reader in, char delimiter) {
        super(in);
        this.delimiter = delimiter;
    }

    /** Whether any CR was passed on as the stand-in (then fields need translating back). */
    boolean replacedAny() {
        return replaced;
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0];
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) return 0;
        int n;
        if (lookahead >= 0) {
            cbuf[off] = (char) lookahead;
            lookahead = -1;
            int more = len > 1 ? in.read(cbuf, off + 1, len - 1) : 0;
            n = 1 + Math.max(more, 0);
        } else {
            n = in.read(cbuf, off, len);
            if (n < 0) return -1;
        }
        int end = off + n;
        for (int i = off; i < end; i++) {
            char c = cbuf[i];
            if (c == '\r' && state == State.QUOTED) {
                // decide on the next character; at the end of the buffer, read one ahead
                int next;
                if (i + 1 < end) {
                    next = cbuf[i + 1];
                } else {
                    next = in.read();
                    if (next >= 0) lookahead = next;
                }
                if (next != '\n') {
                    cbuf[i] = STAND_IN;
                    replaced = true;
                }
                continue;
            }
            advance(c);
        }
        return n;
    }

    private void advance(char c) {
        switch (state) {
            case FIELD_START -> {
                if (c == '"') state = State.QUOTED;
                else if (c != delimiter && c != '\n' && c != '\r') state = State.UNQUOTED;
            }
            case UNQUOTED -> {
                if (c == delimiter || c == '\n' || c == '\r') state = State.FIELD_START;
            }
            case QUOTED -> {
                if (c == '"') state = State.QUOTE_IN_QUOTED;
            }
            case QUOTE_IN_QUOTED -> {
                if (c == '"') state = State.QUOTED;
                else if (c == delimiter || c == '\n' || c == '\r') state = State.FIELD_START;
                else state = State.UNQUOTED;
            }
        }
    }
}
