package org.multilevel.formula.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds factors from columns and numbers, and interactions of factors, with R's level order. */
public final class Factors {
    private Factors() {
    }

    /** A factor from level codes of a categorical column restricted to some rows, unused levels dropped. */
    public static Value.Factor fromCodes(int[] codes, List<String> levels, int[] rows) {
        int[] sub = new int[rows.length];
        for (int i = 0; i < rows.length; i++) sub[i] = codes[rows[i]];
        return dropUnused(sub, levels);
    }

    /** Drops levels no row uses, keeping the order of the others; the codes are renumbered. */
    public static Value.Factor dropUnused(int[] codes, List<String> levels) {
        int[] map = new int[levels.size()];
        for (int c : codes) map[c] = 1;
        List<String> kept = new ArrayList<>();
        for (int l = 0; l < map.length; l++) {
            if (map[l] == 1) {
                map[l] = kept.size();
                kept.add(levels.get(l));
            } else {
                map[l] = -1;
            }
        }
        if (kept.size() == levels.size()) return new Value.Factor(codes, levels);
        int[] out = new int[codes.length];
        for (int i = 0; i < codes.length; i++) out[i] = map[codes[i]];
        return new Value.Factor(out, kept);
    }

    /** R's {@code factor(x)} of numbers: levels are the distinct values in increasing order. */
    public static Value.Factor fromNumbers(double[] x) {
        DoubleIndex distinct = new DoubleIndex(64);
        double previous = Double.NaN;
        for (double v : x) {
            // rows of a cluster usually come together: skip the lookup for a repeated value
            if (v != previous) distinct.add(v == 0 ? 0.0 : v);
            previous = v;
        }
        double[] sorted = distinct.values();
        Arrays.sort(sorted);
        DoubleIndex rank = new DoubleIndex(sorted.length * 2);
        for (double v : sorted) rank.add(v);
        boolean allWhole = true;
        for (double v : sorted) {
            if (v != Math.rint(v)) allWhole = false;
        }
        List<String> levels = new ArrayList<>(sorted.length);
        for (double v : sorted) levels.add(RNumbers.levelLabel(v, allWhole));
        int[] codes = new int[x.length];
        int previousCode = -1;
        previous = Double.NaN;
        for (int i = 0; i < x.length; i++) {
            if (x[i] != previous) {
                previousCode = rank.indexOf(x[i] == 0 ? 0.0 : x[i]);
                previous = x[i];
            }
            codes[i] = previousCode;
        }
        return new Value.Factor(codes, levels);
    }

    /**
     * R's {@code a:b} of two factors: levels "la:lb" with the first factor varying slowest, unused
     * combinations dropped (lme4 re-factors grouping factors).
     */
    public static Value.Factor interaction(Value.Factor a, Value.Factor b) {
        int n = a.codes().length;
        long nb = b.levelCount();
        long combos = a.levelCount() * nb;
        int[] codes = new int[n];
        List<String> levels = new ArrayList<>();
        if (combos <= (1 << 22)) {
            int[] table = new int[(int) combos];
            for (int i = 0; i < n; i++) table[(int) (a.codes()[i] * nb + b.codes()[i])] = 1;
            for (int k = 0; k < table.length; k++) {
                if (table[k] == 1) {
                    table[k] = levels.size();
                    levels.add(a.levels().get((int) (k / nb)) + ":" + b.levels().get((int) (k % nb)));
                }
            }
            for (int i = 0; i < n; i++) codes[i] = table[(int) (a.codes()[i] * nb + b.codes()[i])];
        } else {
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) keys[i] = a.codes()[i] * nb + b.codes()[i];
            long[] sorted = keys.clone();
            Arrays.sort(sorted);
            int distinct = 0;
            for (int i = 0; i < n; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) sorted[distinct++] = sorted[i];
            }
            long[] unique = Arrays.copyOf(sorted, distinct);
            for (long k : unique) {
                levels.add(a.levels().get((int) (k / nb)) + ":" + b.levels().get((int) (k % nb)));
            }
            for (int i = 0; i < n; i++) codes[i] = Arrays.binarySearch(unique, keys[i]);
        }
        return new Value.Factor(codes, levels);
    }

    /** Moves one level to the front (R's {@code relevel}); returns null when there is no such level. */
    public static Value.Factor relevel(Value.Factor f, String reference) {
        int ref = f.levels().indexOf(reference);
        if (ref < 0) return null;
        if (ref == 0) return f;
        List<String> levels = new ArrayList<>();
        levels.add(reference);
        int[] map = new int[f.levelCount()];
        map[ref] = 0;
        for (int l = 0; l < f.levelCount(); l++) {
            if (l != ref) {
                map[l] = levels.size();
                levels.add(f.levels().get(l));
            }
        }
        int[] codes = new int[f.codes().length];
        for (int i = 0; i < codes.length; i++) codes[i] = map[f.codes()[i]];
        return new Value.Factor(codes, levels);
    }

    /** Open-addressing set of doubles giving each distinct value its insertion index; no boxing. */
    static final class DoubleIndex {
        private long[] keys;
        private int[] slots;
        private double[] values;
        private int size;

        DoubleIndex(int capacity) {
            int cap = Integer.highestOneBit(Math.max(16, capacity) * 2);
            keys = new long[cap];
            slots = new int[cap];
            Arrays.fill(slots, -1);
            values = new double[16];
        }

        void add(double v) {
            long bits = Double.doubleToLongBits(v);
            int mask = keys.length - 1;
            int h = hash(bits) & mask;
            while (slots[h] >= 0) {
                if (keys[h] == bits) return;
                h = (h + 1) & mask;
            }
            keys[h] = bits;
            slots[h] = size;
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = v;
            if (size * 2 > keys.length) grow();
        }

        int indexOf(double v) {
            long bits = Double.doubleToLongBits(v);
            int mask = keys.length - 1;
            int h = hash(bits) & mask;
            while (slots[h] >= 0) {
                if (keys[h] == bits) return slots[h];
                h = (h + 1) & mask;
            }
            return -1;
        }

        double[] values() {
            return Arrays.copyOf(values, size);
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldSlots = slots;
            keys = new long[oldKeys.length * 2];
            slots = new int[oldSlots.length * 2];
            Arrays.fill(slots, -1);
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldSlots[i] < 0) continue;
                int h = hash(oldKeys[i]) & mask;
                while (slots[h] >= 0) h = (h + 1) & mask;
                keys[h] = oldKeys[i];
                slots[h] = oldSlots[i];
            }
        }

        private static int hash(long bits) {
            // MurmurHash3's finalizer: whole numbers differ only in their high bits, which must reach the low ones
            long h = bits;
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            h *= 0xc4ceb9fe1a85ec53L;
            h ^= h >>> 33;
            return (int) h;
        }
    }
}
