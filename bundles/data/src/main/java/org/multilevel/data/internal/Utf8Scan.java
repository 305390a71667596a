package org.multilevel.data.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Finds the first byte of a file that is not valid UTF-8, with its line, so that the note about reading the
 * file in another encoding can point at it. Lines are counted as a CSV reader would not (newlines inside quotes
 * count too), which is what an editor shows.
 */
final class Utf8Scan {
    /**
     * @param line   1-based line of the invalid byte
     * @param offset 1-based byte offset in the file
     * @param value  the byte
     */
    record Invalid(long line, long offset, int value) {
        String describe() {
            return String.format(Locale.ROOT, "line %d, byte %d (0x%02X)", line, offset, value);
        }
    }

    private Utf8Scan() {
    }

    /** The first invalid byte, or null when the stream is valid UTF-8 to its end. */
    static Invalid firstInvalid(InputStream in) throws IOException {
        byte[] buf = new byte[1 << 16];
        long offset = 0;
        long line = 1;
        int pending = 0; // continuation bytes still expected
        int min = 0; // the smallest code point the sequence may encode (overlong forms are invalid)
        int codePoint = 0;
        long start = 0;
        long startLine = 1;
        int startByte = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            for (int i = 0; i < n; i++, offset++) {
                int b = buf[i] & 0xFF;
                if (pending > 0) {
                    if ((b & 0xC0) != 0x80) return new Invalid(startLine, start + 1, startByte);
                    codePoint = codePoint << 6 | b & 0x3F;
                    if (--pending == 0 && (codePoint < min || codePoint > 0x10FFFF
                            || codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                        return new Invalid(startLine, start + 1, startByte);
                    }
                    continue;
                }
                if (b == '\n') line++;
                if (b < 0x80) continue;
                start = offset;
                startLine = line;
                startByte = b;
                if (b >= 0xC2 && b <= 0xDF) {
                    pending = 1;
                    min = 0x80;
                    codePoint = b & 0x1F;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    pending = 2;
                    min = 0x800;
                    codePoint = b & 0x0F;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    pending = 3;
                    min = 0x10000;
                    codePoint = b & 0x07;
                } else {
                    return new Invalid(line, offset + 1, b);
                }
            }
        }
        return pending > 0 ? new Invalid(startLine, start + 1, startByte) : null;
    }
}
