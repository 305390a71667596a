package org.multilevel.cli.internal;

/**
 * Text from the data (column names, levels, file names) on its way to a terminal: control characters, which
 * could move the cursor, recolour or retitle the terminal, are written as visible {@code \}{@code uXXXX}
 * escapes (the same escape a JSON string uses, so a JSON document keeps its meaning). Line feeds and tabs stay.
 */
final class TerminalText {
    private TerminalText() {
    }

    static String escape(String text) {
        int i = 0;
        while (i < text.length() && !isControl(text.charAt(i))) i++;
        if (i == text.length()) return text;
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.toString();
    }

    /** C0 controls but line feed and tab, DEL, and the C1 controls (U+0080-U+009F; U+009B starts a CSI). */
    static boolean isControl(char c) {
        return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f);
    }
}
