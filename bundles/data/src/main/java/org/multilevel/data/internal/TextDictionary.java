package org.multilevel.data.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Interns the distinct texts of one column: a text seen before costs a hash lookup on the parser's
 * character buffer and no allocation, so a categorical column costs one int per row.
 */
final class TextDictionary {
    private final List<String> texts = new ArrayList<>();
    private int[] hashes = new int[16];
    private int[] slots = new int[64]; // code + 1, 0 = empty; open addressing, power-of-two size

    int size() {
        return texts.size();
    }

    /** The texts in code order, a CR passed on by {@link LoneCrReader} restored. */
    List<String> texts() {
        List<String> out = texts;
        for (int code = 0; code < texts.size(); code++) {
            String text = texts.get(code);
            if (text.indexOf(LoneCrReader.STAND_IN) < 0) continue;
            if (out == texts) out = new ArrayList<>(texts);
            out.set(code, text.replace(LoneCrReader.STAND_IN, '\r'));
        }
        return out;
    }

    /** The code of the text {@code buf[off, off+len)}, adding it when new. */
    int intern(char[] buf, int off, int len) {
        int hash = hash(buf, off, len);
        int mask = slots.length - 1;
        int slot = hash & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) break;
            int code = entry - 1;
            if (hashes[code] == hash && equal(texts.get(code), buf, off, len)) return code;
            slot = (slot + 1) & mask;
        }
        int code = texts.size();
        texts.add(new String(buf, off, len));
        if (code == hashes.length) hashes = Arrays.copyOf(hashes, code * 2);
        hashes[code] = hash;
        slots[slot] = code + 1;
        if (texts.size() * 2 > slots.length) rehash();
        return code;
    }

    private void rehash() {
        int[] next = new int[slots.length * 2];
        int mask = next.length - 1;
        for (int code = 0; code < texts.size(); code++) {
            int slot = hashes[code] & mask;
            while (next[slot] != 0) slot = (slot + 1) & mask;
            next[slot] = code + 1;
        }
        slots = next;
    }

    private static int hash(char[] buf, int off, int len) {
        int h = 0;
        for (int i = off, end = off + len; i < end; i++) h = 31 * h + buf[i];
        return h ^ (h >>> 16);
    }

    private static boolean equal(String text, char[] buf, int off, int len) {
        if (text.length() != len) return false;
        for (int i = 0; i < len; i++) {
            if (text.charAt(i) != buf[off + i]) return false;
        }
        return true;
    }
}
