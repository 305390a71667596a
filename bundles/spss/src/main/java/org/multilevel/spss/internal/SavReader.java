package org.multilevel.spss.internal;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.multilevel.api.data.Column;
import org.multilevel.api.data.DataException;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.descriptor.MeasureType;
import org.multilevel.importsupport.Columns;

/**
 * Reads an SPSS system file held in memory, following PSPP's description of the format ("System File Format"):
 * the file header, the variable, value-label and extension records of the dictionary, then the cases,
 * uncompressed, bytecode-compressed, or zlib-compressed (.zsav). Either byte order.
 *
 * <p>What becomes of the variables: a numeric variable is a numeric column, or a factor when its value labels
 * cover every value it holds (see {@link Columns}); the system-missing value and the variable's user-missing
 * values (discrete or a range) are missing. A string variable is a factor of its trimmed texts, the empty text
 * missing. The long variable names and variable labels are kept as names and titles, the measurement level
 * as the measure. Text is decoded in the file's declared encoding (Windows-1252 when it declares none).
 * One instance reads one file.
 */
final class SavReader {
    private static final int MEASURE_NOMINAL = 1;
    private static final int MEASURE_ORDINAL = 2;
    private static final int MEASURE_SCALE = 3;

    /** One variable of the dictionary (a string longer than 8 bytes spans several 8-byte slots). */
    private static final class Variable {
        final String shortName;
        final int width; // 0 numeric, else string width in bytes
        String name;
        byte[] rawTitle = new byte[0]; // decoded once the encoding record is read
        String title = "";
        MeasureType measure;
        double[] missing = new double[0];
        double missingLow = Double.NaN;
        double missingHigh = Double.NaN;
        List<byte[]> missingTexts = new ArrayList<>();
        final Map<Double, String> labels = new LinkedHashMap<>();
        int segments = 1; // a very long string: how many 255-byte variables it was stored as

        Variable(String shortName, int width) {
            this.shortName = shortName;
            this.width = width;
            this.name = shortName;
        }

        int slots() {
            return width == 0 ? 1 : (width + 7) / 8;
        }

        boolean isMissing(double v) {
            for (double m : missing) {
                if (v == m) return true;
            }
            return v >= missingLow && v <= missingHigh;
        }
    }

    private final String label;
    private final ByteBuffer in;
    private Charset charset = Charset.forName("windows-1252");
    private int compression;
    private int caseCountInHeader;
    private double bias;
    private double sysmis = -Double.MAX_VALUE;
    private double highest = Double.MAX_VALUE;
    private double lowest = Math.nextUp(-Double.MAX_VALUE);
    private boolean zsav;
    private final List<Variable> variables = new ArrayList<>();
    /** Variables by their dictionary index (1-based, counting continuation slots), for value-label records. */
    private final Map<Integer, Variable> bySlot = new HashMap<>();
    private int slots;
    private final List<int[]> displayRecords = new ArrayList<>();
    private byte[] rawLongNames;
    private byte[] rawVeryLongStrings;
    private final List<Map.Entry<double[], List<Integer>>> numericLabelSets = new ArrayList<>();
    private final List<List<byte[]>> labelTexts = new ArrayList<>();

    SavReader(String label, ByteBuffer in) {
        this.label = label;
        this.in = in;
    }

    static boolean hasSignature(byte[] head) {
        return head.length >= 4 && head[0] == '$' && head[1] == 'F' && head[2] == 'L'
                && (head[3] == '2' || head[3] == '3');
    }

    Dataset read(String datasetName) {
        try {
            header();
            dictionary();
            List<double[]> numeric = new ArrayList<>();
            List<String[]> text = new ArrayList<>();
            cases(numeric, text);
            return dataset(datasetName, numeric, text);
        } catch (BufferUnderflowException e) {
            throw new DataException("SPSS data file " + label + " is cut short (it ends inside a record).");
        }
    }

    private void header() {
        if (in.limit() < 176) {
            throw new DataException("Data file " + label + " is not an SPSS system file (it is too short for one).");
        }
        byte[] magic = bytes(4);
        if (!hasSignature(magic)) {
            throw new DataException("Data file " + label + " is not an SPSS system file (it does not start with $FL2).");
        }
        zsav = magic[3] == '3';
        in.position(64);
        int layout = in.getInt();
        if (layout != 2 && layout != 3) {
            in.order(ByteOrder.BIG_ENDIAN);
            in.position(64);
            layout = in.getInt();
            if (layout != 2 && layout != 3) {
                throw new DataException("SPSS data file " + label + " has an unknown layout code " + layout + ".");
            }
        }
        in.getInt(); // nominal case size: recounted from the variable records
        compression = in.getInt();
        if (compression < 0 || compression > 2 || (compression == 2) != zsav) {
            throw new DataException("SPSS data file " + label + " has an unknown compression " + compression + ".");
        }
        in.getInt(); // weight variable: a weight is not applied, the cases are read as they are
        caseCountInHeader = in.getInt();
        bias = in.getDouble();
        in.position(176);
    }

    private void dictionary() {
        while (true) {
            int type = in.getInt();
            switch (type) {
                case 2 -> variable();
                case 3 -> valueLabels();
                case 4 -> throw new DataException("SPSS data file " + label
                        + " has a value-label variable record without its labels.");
                case 6 -> skip(80 * in.getInt());
                case 7 -> extension();
                case 999 -> {
                    in.getInt();
                    applyExtensions();
                    return;
                }
                default -> throw new DataException("SPSS data file " + label + " has an unknown record type " + type
                        + " at byte " + (in.position() - 4) + ".");
            }
        }
    }

    private void variable() {
        int width = in.getInt();
        int hasLabel = in.getInt();
        int missingCount = in.getInt();
        in.getInt(); // print format
        in.getInt(); // write format
        // short names are ASCII; the label is decoded once the encoding record is read
        String shortName = new String(bytes(8), StandardCharsets.ISO_8859_1).strip();
        byte[] title = new byte[0];
        if (hasLabel == 1) {
            int length = in.getInt();
            title = bytes(length);
            skip((4 - length % 4) % 4);
        }
        double[] missing = new double[Math.abs(missingCount)];
        byte[][] missingRaw = new byte[missing.length][];
        for (int i = 0; i < missing.length; i++) {
            missingRaw[i] = bytes(8);
            missing[i] = ByteBuffer.wrap(missingRaw[i]).order(in.order()).getDouble();
        }
        slots++;
        if (width == -1) return; // a continuation slot of the string before
        Variable v = new Variable(shortName, width);
        v.rawTitle = title;
        bySlot.put(slots, v);
        if (width == 0) {
            int discrete = missingCount;
            if (missingCount <= -2) {
                v.missingLow = missing[0] <= lowest ? Double.NEGATIVE_INFINITY : missing[0];
                v.missingHigh = missing[1] >= highest ? Double.POSITIVE_INFINITY : missing[1];
                discrete = missingCount == -3 ? 1 : 0;
            }
            double[] d = new double[discrete];
            System.arraycopy(missing, missing.length - discrete, d, 0, discrete);
            v.missing = d;
        } else {
            for (byte[] raw : missingRaw) v.missingTexts.add(raw);
        }
        variables.add(v);
    }

    private void valueLabels() {
        int count = in.getInt();
        double[] codes = new double[count];
        List<byte[]> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            codes[i] = in.getDouble();
            int length = in.get() & 0xff;
            texts.add(bytes(length));
            skip((8 - (length + 1) % 8) % 8);
        }
        if (in.getInt() != 4) {
            throw new DataException("SPSS data file " + label + " has value labels without the variables they are for.");
        }
        int n = in.getInt();
        List<Integer> targets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) targets.add(in.getInt());
        numericLabelSets.add(Map.entry(codes, targets));
        labelTexts.add(texts);
    }

    private void extension() {
        int subtype = in.getInt();
        int size = in.getInt();
        int count = in.getInt();
        long length = (long) size * count;
        if (size < 0 || count < 0 || length > in.remaining()) {
            throw new DataException("SPSS data file " + label + " has a damaged extension record " + subtype + ".");
        }
        int end = in.position() + (int) length;
        switch (subtype) {
            case 3 -> {
                if (size == 4 && count >= 8) {
                    in.position(in.position() + 7 * 4);
                    characterCode(in.getInt());
                }
            }
            case 4 -> {
                if (size == 8 && count >= 3) {
                    sysmis = in.getDouble();
                    highest = in.getDouble();
                    lowest = in.getDouble();
                }
            }
            case 11 -> {
                int[] values = new int[count];
                for (int i = 0; i < count; i++) values[i] = in.getInt();
                displayRecords.add(values);
            }
            case 13 -> rawLongNames = bytes((int) length);
            case 14 -> rawVeryLongStrings = bytes((int) length);
            case 20 -> encoding(new String(bytes((int) length), StandardCharsets.US_ASCII).strip());
            default -> {
                // documents, attributes, long string labels and missing values: not needed to fit models
            }
        }
        in.position(end);
    }

    private void characterCode(int code) {
        String name = switch (code) {
            case 65001 -> "UTF-8";
            case 1, 2, 3 -> null; // EBCDIC, 7- and 8-bit ASCII: keep the default
            case 28591 -> "ISO-8859-1";
            default -> code >= 1250 && code <= 1258 ? "windows-" + code : null;
        };
        if (name != null) charset = Charset.forName(name);
    }

    private void encoding(String name) {
        try {
            charset = Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new DataException("SPSS data file " + label + " declares the unknown text encoding " + name + ".");
        }
    }

    /** Long names, very long strings, display records and value labels, once the dictionary is complete. */
    private void applyExtensions() {
        Map<String, Variable> byShort = new HashMap<>();
        for (Variable v : variables) {
            byShort.put(v.shortName.toUpperCase(Locale.ROOT), v);
            v.title = text(v.rawTitle).strip();
        }
        for (int[] display : displayRecords) {
            int per = display.length == 3 * variables.size() ? 3 : display.length == 2 * variables.size() ? 2 : 0;
            if (per == 0) continue; // does not match the variables: ignore rather than misassign
            for (int i = 0; i < variables.size(); i++) {
                variables.get(i).measure = switch (display[i * per]) {
                    case MEASURE_NOMINAL -> MeasureType.NOMINAL;
                    case MEASURE_ORDINAL -> MeasureType.ORDINAL;
                    case MEASURE_SCALE -> MeasureType.SCALE;
                    default -> null;
                };
            }
        }
        if (rawLongNames != null) {
            for (String entry : text(rawLongNames).split("\t")) {
                int eq = entry.indexOf('=');
                if (eq <= 0) continue;
                Variable v = byShort.get(entry.substring(0, eq).strip().toUpperCase(Locale.ROOT));
                if (v != null) v.name = entry.substring(eq + 1).strip();
            }
        }
        for (int s = 0; s < numericLabelSets.size(); s++) {
            double[] codes = numericLabelSets.get(s).getKey();
            List<byte[]> texts = labelTexts.get(s);
            for (int target : numericLabelSets.get(s).getValue()) {
                Variable v = bySlot.get(target);
                if (v == null || v.width != 0) continue; // labels of short strings are not used
                for (int i = 0; i < codes.length; i++) v.labels.put(codes[i], text(texts.get(i)).strip());
            }
        }
        if (rawVeryLongStrings != null) {
            for (String entry : text(rawVeryLongStrings).split("[\t\0]+")) {
                int eq = entry.indexOf('=');
                if (eq <= 0) continue;
                Variable v = byShort.get(entry.substring(0, eq).strip().toUpperCase(Locale.ROOT));
                if (v == null || v.width == 0) continue;
                try {
                    v.segments = Math.max(1, (Integer.parseInt(entry.substring(eq + 1).strip()) + 251) / 252);
                } catch (NumberFormatException e) {
                    throw new DataException("SPSS data file " + label + " has a damaged very-long-string record.");
                }
            }
            // the later segments of a very long string are variables of their own in the file: fold them in
            List<Variable> kept = new ArrayList<>();
            for (int i = 0; i < variables.size(); ) {
                Variable v = variables.get(i);
                int end = Math.min(variables.size(), i + v.segments);
                segmentsOf.put(v, new ArrayList<>(variables.subList(i, end)));
                kept.add(v);
                i = end;
            }
            variables.clear();
            variables.addAll(kept);
        }
    }

    private final Map<Variable, List<Variable>> segmentsOf = new HashMap<>();

    private void cases(List<double[]> numeric, List<String[]> text) {
        if (variables.isEmpty()) throw new DataException("SPSS data file " + label + " has no variables.");
        CaseSource source = switch (compression) {
            case 0 -> new Raw(in);
            case 1 -> new Bytecode(in, bias, sysmis);
            default -> new Bytecode(inflated(), bias, sysmis);
        };
        int capacity = caseCountInHeader > 0 ? caseCountInHeader : 1024;
        double[][] numbers = new double[variables.size()][];
        String[][] texts = new String[variables.size()][];
        for (int i = 0; i < variables.size(); i++) {
            if (variables.get(i).width == 0) numbers[i] = new double[capacity];
            else texts[i] = new String[capacity];
        }
        byte[] slot = new byte[8];
        int rows = 0;
        ByteArrayOutputStream string = new ByteArrayOutputStream();
        while (caseCountInHeader < 0 || rows < caseCountInHeader) {
            if (!source.next(slot)) break; // end of the cases
            if (rows == capacity) {
                capacity = capacity * 2;
                for (int i = 0; i < variables.size(); i++) {
                    if (numbers[i] != null) numbers[i] = java.util.Arrays.copyOf(numbers[i], capacity);
                    else texts[i] = java.util.Arrays.copyOf(texts[i], capacity);
                }
            }
            boolean first = true;
            for (int i = 0; i < variables.size(); i++) {
                Variable v = variables.get(i);
                if (v.width == 0) {
                    if (!first && !source.next(slot)) throw truncated(rows);
                    first = false;
                    double value = source.number(slot);
                    numbers[i][rows] = Double.isNaN(value) || value == sysmis || v.isMissing(value) ? Double.NaN : value;
                    continue;
                }
                string.reset();
                List<Variable> segments = segmentsOf.getOrDefault(v, List.of(v));
                for (int s = 0; s < segments.size(); s++) {
                    Variable seg = segments.get(s);
                    int keep = s < segments.size() - 1 ? 252 : seg.width;
                    int written = 0;
                    for (int k = 0; k < seg.slots(); k++) {
                        if (!first && !source.next(slot)) throw truncated(rows);
                        first = false;
                        int n = Math.min(8, keep - written);
                        if (n > 0) string.write(slot, 0, n);
                        written += 8;
                    }
                }
                byte[] raw = string.toByteArray();
                String value = text(raw).strip();
                texts[i][rows] = value.isEmpty() || isMissingText(v, raw) ? null : value;
            }
            rows++;
        }
        if (caseCountInHeader > 0 && rows < caseCountInHeader) {
            throw new DataException("SPSS data file " + label + " is cut short: it holds " + rows + " of the "
                    + caseCountInHeader + " cases its header announces.");
        }
        for (int i = 0; i < variables.size(); i++) {
            numeric.add(numbers[i] == null ? null : java.util.Arrays.copyOf(numbers[i], rows));
            text.add(texts[i] == null ? null : java.util.Arrays.copyOf(texts[i], rows));
        }
    }

    private boolean isMissingText(Variable v, byte[] raw) {
        for (byte[] m : v.missingTexts) {
            String missing = text(m).strip();
            if (!missing.isEmpty() && missing.equals(text(raw).strip())) return true;
        }
        return false;
    }

    private DataException truncated(int row) {
        return new DataException("SPSS data file " + label + " is cut short: case " + (row + 1) + " is incomplete.");
    }

    /** The bytecode stream of a .zsav file: its zlib blocks, listed in the trailer, inflated one after another. */
    private ByteBuffer inflated() {
        long headerAt = in.position();
        long zheader = in.getLong();
        long ztrailer = in.getLong();
        in.getLong(); // trailer length
        if (zheader != headerAt || ztrailer <= zheader || ztrailer > in.limit()) {
            throw new DataException("SPSS data file " + label + " has a damaged compression header.");
        }
        in.position((int) ztrailer);
        in.getLong(); // bias
        in.getLong(); // zero
        in.getInt(); // block size
        int blocks = in.getInt();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Inflater inflater = new Inflater();
        try {
            byte[] buffer = new byte[1 << 16];
            for (int b = 0; b < blocks; b++) {
                in.getLong(); // uncompressed offset
                long compressedAt = in.getLong();
                int uncompressedSize = in.getInt();
                int compressedSize = in.getInt();
                if (compressedAt < 0 || compressedAt + compressedSize > in.limit()) {
                    throw new DataException("SPSS data file " + label + " has a damaged compressed block " + (b + 1) + ".");
                }
                inflater.reset();
                inflater.setInput(in.array(), (int) compressedAt, compressedSize);
                int produced = 0;
                while (!inflater.finished()) {
                    int n = inflater.inflate(buffer);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) break;
                    out.write(buffer, 0, n);
                    produced += n;
                }
                if (produced != uncompressedSize) {
                    throw new DataException("SPSS data file " + label + " has a damaged compressed block " + (b + 1) + ".");
                }
            }
        } catch (DataFormatException e) {
            throw new DataException("SPSS data file " + label + " has damaged compressed data: " + e.getMessage() + ".");
        } finally {
            inflater.end();
        }
        return ByteBuffer.wrap(out.toByteArray()).order(in.order());
    }

    private Dataset dataset(String name, List<double[]> numeric, List<String[]> text) {
        List<String> names = new ArrayList<>();
        for (Variable v : variables) names.add(v.name);
        names = Columns.uniqueNames(names);
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            Variable v = variables.get(i);
            columns.add(v.width == 0
                    ? Columns.numeric(names.get(i), numeric.get(i), v.labels, v.title, v.measure)
                    : Columns.text(names.get(i), text.get(i), v.title, v.measure));
        }
        return new Dataset(name, columns);
    }

    private byte[] bytes(int n) {
        if (n < 0 || n > in.remaining()) throw new BufferUnderflowException();
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    private void skip(int n) {
        if (n < 0 || n > in.remaining()) throw new BufferUnderflowException();
        in.position(in.position() + n);
    }

    private String text(byte[] raw) {
        int end = raw.length;
        while (end > 0 && raw[end - 1] == 0) end--;
        return new String(raw, 0, end, charset);
    }

    /** The 8-byte slots of the cases, one after another. */
    private interface CaseSource {
        /** Fills {@code slot}; false at the end of the data. */
        boolean next(byte[] slot);

        double number(byte[] slot);
    }

    private static final class Raw implements CaseSource {
        private final ByteBuffer in;

        Raw(ByteBuffer in) {
            this.in = in;
        }

        @Override
        public boolean next(byte[] slot) {
            if (in.remaining() < 8) return false;
            in.get(slot);
            return true;
        }

        @Override
        public double number(byte[] slot) {
            return ByteBuffer.wrap(slot).order(in.order()).getDouble();
        }
    }

    /**
     * Bytecode compression: blocks of eight command bytes, each for one slot: 0 nothing, 1-251 the number
     * {@code code - bias}, 252 end of data, 253 the slot follows uncompressed, 254 eight spaces, 255 system-missing.
     */
    private static final class Bytecode implements CaseSource {
        private static final byte[] SPACES = "        ".getBytes(StandardCharsets.US_ASCII);
        private final ByteBuffer in;
        private final double bias;
        private final double sysmis;
        private final byte[] commands = new byte[8];
        private int next = 8;
        private boolean ended;

        Bytecode(ByteBuffer in, double bias, double sysmis) {
            this.in = in;
            this.bias = bias;
            this.sysmis = sysmis;
        }

        @Override
        public boolean next(byte[] slot) {
            while (!ended) {
                if (next == 8) {
                    if (in.remaining() < 8) {
                        ended = true;
                        return false;
                    }
                    in.get(commands);
                    next = 0;
                }
                int code = commands[next++] & 0xff;
                switch (code) {
                    case 0 -> {
                        // padding
                    }
                    case 252 -> ended = true;
                    case 253 -> {
                        if (in.remaining() < 8) {
                            ended = true;
                            return false;
                        }
                        in.get(slot);
                        return true;
                    }
                    case 254 -> {
                        System.arraycopy(SPACES, 0, slot, 0, 8);
                        return true;
                    }
                    case 255 -> {
                        ByteBuffer.wrap(slot).order(in.order()).putDouble(sysmis);
                        return true;
                    }
                    default -> {
                        ByteBuffer.wrap(slot).order(in.order()).putDouble(code - bias);
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public double number(byte[] slot) {
            return ByteBuffer.wrap(slot).order(in.order()).getDouble();
        }
    }
}
