package org.multilevel.data.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.multilevel.api.data.CategoricalColumn;
import org.multilevel.api.data.Column;
import org.multilevel.api.data.NumericColumn;

/**
 * Collects one column row by row into growable primitive arrays and infers its type on the way.
 *
 * <p>A column starts as a numeric candidate (a double per row). While it has few distinct texts it also keeps
 * their dictionary codes (an int per row), so that if a later cell turns out not to be a number the levels
 * are the texts exactly as written. A column with many distinct numbers drops that text; should it still turn
 * categorical, it asks for a second pass over the file ({@link #needsRescan()}), which is rare and exact.
 */
final class ColumnBuilder {
    /** Distinct texts a numeric candidate keeps before dropping them. */
    static final int TEXT_KEPT_WHILE_NUMERIC = 1024;

    private enum State { NUMERIC, CATEGORICAL, RESCAN }

    private final String name;
    private State state;
    private int size;
    private double[] values;
    private int[] codes;
    private TextDictionary dictionary;

    ColumnBuilder(String name, int initialCapacity, boolean categorical) {
        this.name = name;
        int capacity = Math.max(16, initialCapacity);
        this.dictionary = new TextDictionary();
        this.codes = new int[capacity];
        if (categorical) {
            state = State.CATEGORICAL;
        } else {
            state = State.NUMERIC;
            values = new double[capacity];
        }
    }

    String name() {
        return name;
    }

    boolean needsRescan() {
        return state == State.RESCAN;
    }

    void addMissing() {
        switch (state) {
            case NUMERIC -> {
                ensureCapacity();
                values[size] = Double.NaN;
                if (codes != null) codes[size] = -1;
            }
            case CATEGORICAL -> {
                ensureCapacity();
                codes[size] = -1;
            }
            case RESCAN -> { }
        }
        size++;
    }

    /** Adds a non-missing cell: {@code buf[off, off+len)}, trimmed. */
    void add(char[] buf, int off, int len, char decimalMark) {
        if (state == State.NUMERIC) {
            double v = NumberParser.parse(buf, off, len, decimalMark);
            if (!Double.isNaN(v) || isNaNText(buf, off, len)) { // R reads "NaN" as a (missing) number
                ensureCapacity();
                values[size] = v;
                if (codes != null) {
                    codes[size] = dictionary.intern(buf, off, len);
                    if (dictionary.size() > TEXT_KEPT_WHILE_NUMERIC) {
                        codes = null;
                        dictionary = null;
                    }
                }
                size++;
                return;
            }
            becomeCategorical();
        }
        if (state == State.CATEGORICAL) {
            ensureCapacity();
            codes[size] = dictionary.intern(buf, off, len);
        }
        size++;
    }

    private static boolean isNaNText(char[] buf, int off, int len) {
        return len == 3 && buf[off] == 'N' && buf[off + 1] == 'a' && buf[off + 2] == 'N';
    }

    private void becomeCategorical() {
        values = null;
        state = codes == null ? State.RESCAN : State.CATEGORICAL;
    }

    private void ensureCapacity() {
        int capacity = values != null ? values.length : codes.length;
        if (size < capacity) return;
        int next = capacity + Math.max(capacity, 16);
        if (values != null) values = Arrays.copyOf(values, next);
        if (codes != null) codes = Arrays.copyOf(codes, next);
    }

    /** The finished column; levels sorted by {@link LevelOrder}. */
    Column build(char decimalMark) {
        if (state == State.RESCAN) throw new IllegalStateException("column " + name + " needs a second pass");
        if (state == State.NUMERIC) {
            return new NumericColumn(name, values.length == size ? values : Arrays.copyOf(values, size));
        }
        List<String> texts = dictionary.texts();
        List<String> levels = LevelOrder.sort(texts, decimalMark);
        int[] newCode = new int[texts.size()];
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < levels.size(); i++) position.put(levels.get(i), i);
        for (int code = 0; code < texts.size(); code++) newCode[code] = position.get(texts.get(code));
        int[] result = codes.length == size ? codes : Arrays.copyOf(codes, size);
        for (int i = 0; i < size; i++) {
            if (result[i] >= 0) result[i] = newCode[result[i]];
        }
        return new CategoricalColumn(name, result, levels);
    }
}
