package org.multilevel.stata.internal;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.multilevel.api.data.Column;
import org.multilevel.api.data.DataException;
import org.multilevel.api.data.Dataset;
import org.multilevel.importsupport.Columns;

/**
 * Reads a Stata .dta file of format 117 (Stata 13), 118 (Stata 14 to 18) or 119 (over 32,767 variables) held in
 * memory, following Stata's description of the format ({@code help dta}): the header, the map of section
 * offsets, the variable types, names, labels and value-label names, the data, the long strings (strL) and the
 * value-label tables. Either byte order.
 *
 * <p>What becomes of the variables: a numeric variable is a numeric column, or a factor when its value labels
 * cover every value it holds (see {@link Columns}); the missing values {@code .} and {@code .a} to {@code .z}
 * are missing. A string variable is a factor of its texts, the empty text missing. Variable labels are kept as
 * titles. Text is UTF-8 from format 118 on; in 117 it is UTF-8 where it decodes as such (files written by R's
 * haven), else Windows-1252 (Stata 13). One instance reads one file.
 */
final class DtaReader {
    private static final byte[] SIGNATURE = "<stata_dta>".getBytes(StandardCharsets.US_ASCII);
    private static final int STRL = 32768;
    private static final int DOUBLE = 65526;
    private static final int FLOAT = 65527;
    private static final int LONG = 65528;
    private static final int INT = 65529;
    private static final int BYTE = 65530;

    private final String label;
    private final ByteBuffer in;
    private int release;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private boolean legacy;
    private int nameBytes;
    private int k;
    private long n;

    DtaReader(String label, ByteBuffer in) {
        this.label = label;
        this.in = in;
    }

    static boolean hasSignature(byte[] head) {
        if (head.length < SIGNATURE.length) return false;
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (head[i] != SIGNATURE[i]) return false;
        }
        return true;
    }

    Dataset read(String datasetName) {
        try {
            return readAll(datasetName);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new DataException("Stata data file " + label + " is cut short or damaged (a section ends early).");
        }
    }

    private Dataset readAll(String datasetName) {
        byte[] head = new byte[Math.min(in.limit(), SIGNATURE.length)];
        in.get(head);
        if (!hasSignature(head)) {
            int first = in.limit() > 3 ? in.get(0) & 0xff : -1;
            boolean oldHeader = first >= 102 && first <= 116 && (in.get(1) == 1 || in.get(1) == 2) && in.get(2) == 1;
            if (oldHeader) {
                throw new DataException("Stata data file " + label + " is in the old format " + first
                        + " (Stata 12 or earlier), which is not read; save it from Stata 13 or newer (format 117-119).");
            }
            throw new DataException("Data file " + label + " is not a Stata .dta file of Stata 13 or newer "
                    + "(it does not start with <stata_dta>).");
        }
        expect("<header><release>");
        release = Integer.parseInt(new String(bytes(3), StandardCharsets.US_ASCII));
        if (release < 117 || release > 119) {
            throw new DataException("Stata data file " + label + " has the format " + release
                    + ", which is not read (formats 117 to 119 are).");
        }
        legacy = release == 117;
        nameBytes = release == 117 ? 33 : 129;
        expect("</release><byteorder>");
        String order = new String(bytes(3), StandardCharsets.US_ASCII);
        in.order("MSF".equals(order) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        expect("</byteorder><K>");
        k = release == 119 ? in.getInt() : Short.toUnsignedInt(in.getShort());
        expect("</K><N>");
        n = release == 117 ? Integer.toUnsignedLong(in.getInt()) : in.getLong();
        if (n > Integer.MAX_VALUE - 8) throw new DataException("Stata data file " + label + " has too many rows (" + n + ").");
        expect("</N><label>");
        int labelLength = release == 117 ? in.get() & 0xff : Short.toUnsignedInt(in.getShort());
        bytes(labelLength);
        expect("</label><timestamp>");
        bytes(in.get() & 0xff);
        expect("</timestamp></header><map>");
        long[] map = new long[14];
        for (int i = 0; i < 14; i++) map[i] = in.getLong();

        seek(map[2], "<variable_types>");
        int[] types = new int[k];
        for (int i = 0; i < k; i++) types[i] = Short.toUnsignedInt(in.getShort());
        seek(map[3], "<varnames>");
        String[] names = new String[k];
        for (int i = 0; i < k; i++) names[i] = text(bytes(nameBytes));
        seek(map[6], "<value_label_names>");
        String[] labelNames = new String[k];
        for (int i = 0; i < k; i++) labelNames[i] = text(bytes(nameBytes));
        seek(map[7], "<variable_labels>");
        String[] titles = new String[k];
        for (int i = 0; i < k; i++) titles[i] = text(bytes(release == 117 ? 81 : 321)).strip();
        Map<Long, String> strls = strls(map[10]);
        Map<String, Map<Double, String>> valueLabels = valueLabels(map[11]);

        seek(map[9], "<data>");
        int rows = (int) n;
        double[][] numbers = new double[k][];
        String[][] texts = new String[k][];
        for (int j = 0; j < k; j++) {
            if (isString(types[j])) texts[j] = new String[rows];
            else numbers[j] = new double[rows];
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < k; j++) {
                int type = types[j];
                if (type <= 2045) {
                    String s = text(bytes(type));
                    texts[j][i] = s.isEmpty() ? null : s;
                } else if (type == STRL) {
                    String s = strls.getOrDefault(strlKey(), "");
                    texts[j][i] = s.isEmpty() ? null : s;
                } else {
                    numbers[j][i] = number(type, j, names[j]);
                }
            }
        }
        expect("</data>");

        List<String> unique = Columns.uniqueNames(List.of(names));
        List<Column> columns = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            if (texts[j] != null) {
                columns.add(Columns.text(unique.get(j), texts[j], titles[j], null));
            } else {
                Map<Double, String> labels = valueLabels.getOrDefault(labelNames[j], Map.of());
                columns.add(Columns.numeric(unique.get(j), numbers[j], labels, titles[j], null));
            }
        }
        return new Dataset(datasetName, columns);
    }

    private static boolean isString(int type) {
        return type <= 2045 || type == STRL;
    }

    /** A numeric cell; Stata's missing values (., .a to .z) are NaN. */
    private double number(int type, int column, String name) {
        switch (type) {
            case BYTE: {
                byte b = in.get();
                return b > 100 ? Double.NaN : b;
            }
            case INT: {
                short s = in.getShort();
                return s > 32740 ? Double.NaN : s;
            }
            case LONG: {
                int l = in.getInt();
                return l > 2147483620 ? Double.NaN : l;
            }
            case FLOAT: {
                int bits = in.getInt();
                float f = Float.intBitsToFloat(bits);
                // missing values are 2^127 and above; Stata (and R's haven) compute with the float widened exactly
                return Float.isNaN(f) || bits >= 0x7f000000 ? Double.NaN : (double) f;
            }
            case DOUBLE: {
                double d = in.getDouble();
                return Double.isNaN(d) || d >= 0x1.0p1023 ? Double.NaN : d;
            }
            default:
                throw new DataException("Stata data file " + label + " has the unknown type " + type
                        + " for variable " + name + " (column " + (column + 1) + ").");
        }
    }

    /** The (variable, observation) pair of a strL cell, as one key. */
    private long strlKey() {
        long v;
        long o;
        if (release == 117) {
            v = Integer.toUnsignedLong(in.getInt());
            o = Integer.toUnsignedLong(in.getInt());
        } else {
            byte[] b = bytes(8);
            int vBytes = release == 118 ? 2 : 3;
            long raw = 0;
            if (in.order() == ByteOrder.LITTLE_ENDIAN) {
                for (int i = 7; i >= 0; i--) raw = raw << 8 | (b[i] & 0xff);
                v = raw & ((1L << (8 * vBytes)) - 1);
                o = raw >>> (8 * vBytes);
            } else {
                for (int i = 0; i < 8; i++) raw = raw << 8 | (b[i] & 0xff);
                o = raw & ((1L << (8 * (8 - vBytes))) - 1);
                v = raw >>> (8 * (8 - vBytes));
            }
        }
        return key(v, o);
    }

    private static long key(long v, long o) {
        return o << 24 | v;
    }

    /** The long strings (GSO entries) by (variable, observation). */
    private Map<Long, String> strls(long offset) {
        seek(offset, "<strls>");
        Map<Long, String> strls = new HashMap<>();
        while (peek("GSO")) {
            bytes(3);
            long v = Integer.toUnsignedLong(in.getInt());
            long o = release == 117 ? Integer.toUnsignedLong(in.getInt()) : in.getLong();
            int t = in.get() & 0xff;
            int length = in.getInt();
            byte[] contents = bytes(length);
            int end = t == 130 && length > 0 && contents[length - 1] == 0 ? length - 1 : length;
            strls.put(key(v, o), decode(contents, 0, end));
        }
        expect("</strls>");
        return strls;
    }

    /** The value-label tables by name: code to label. */
    private Map<String, Map<Double, String>> valueLabels(long offset) {
        seek(offset, "<value_labels>");
        Map<String, Map<Double, String>> tables = new HashMap<>();
        while (peek("<lbl>")) {
            expect("<lbl>");
            int length = in.getInt();
            String name = text(bytes(nameBytes));
            bytes(3);
            int start = in.position();
            int count = in.getInt();
            int textLength = in.getInt();
            if (count < 0 || textLength < 0 || (long) count * 8 + textLength + 8 > length) {
                throw new DataException("Stata data file " + label + " has a damaged value-label table " + name + ".");
            }
            int[] offsets = new int[count];
            for (int i = 0; i < count; i++) offsets[i] = in.getInt();
            int[] values = new int[count];
            for (int i = 0; i < count; i++) values[i] = in.getInt();
            byte[] txt = bytes(textLength);
            Map<Double, String> table = new HashMap<>();
            for (int i = 0; i < count; i++) {
                int from = offsets[i];
                if (from < 0 || from >= textLength) continue;
                int to = from;
                while (to < textLength && txt[to] != 0) to++;
                table.put((double) values[i], decode(txt, from, to - from));
            }
            tables.put(name, table);
            in.position(start + length);
            expect("</lbl>");
        }
        expect("</value_labels>");
        expect("</stata_dta>");
        return tables;
    }

    private void seek(long offset, String tag) {
        if (offset < 0 || offset > in.limit()) {
            throw new DataException("Stata data file " + label + " is cut short or damaged (the " + tag
                    + " section is missing).");
        }
        in.position((int) offset);
        expect(tag);
    }

    private boolean peek(String tag) {
        byte[] t = tag.getBytes(StandardCharsets.US_ASCII);
        if (in.remaining() < t.length) return false;
        for (int i = 0; i < t.length; i++) {
            if (in.get(in.position() + i) != t[i]) return false;
        }
        return true;
    }

    private void expect(String tag) {
        if (!peek(tag)) {
            throw new DataException("Stata data file " + label + " is damaged: " + tag + " expected at byte "
                    + in.position() + ".");
        }
        in.position(in.position() + tag.length());
    }

    private byte[] bytes(int count) {
        if (count < 0 || count > in.remaining()) throw new BufferUnderflowException();
        byte[] b = new byte[count];
        in.get(b);
        return b;
    }

    /** A fixed-width text: up to its first NUL. */
    private String text(byte[] raw) {
        int end = 0;
        while (end < raw.length && raw[end] != 0) end++;
        return decode(raw, 0, end);
    }

    private String decode(byte[] raw, int from, int length) {
        if (!legacy) return new String(raw, from, length, StandardCharsets.UTF_8);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw, from, length)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(raw, from, length, WINDOWS_1252);
        }
    }
}
