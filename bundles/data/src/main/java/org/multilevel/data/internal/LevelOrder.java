package org.multilevel.data.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The order of factor levels: R's {@code sort()} of the levels after {@code read.csv}, as on a typical R
 * installation (ICU / en_US.UTF-8 collation, which is how the references were made).
 *
 * <p>When every level reads as a number, levels sort by value. Otherwise texts sort by the Unicode collation
 * algorithm with the CLDR root order and tertiary strength, which is what R's ICU collation does. We implement
 * the part of it that real level labels need, checked against R's {@code sort()}:
 * <ol>
 * <li>Primary (compared first over the whole text): white space &lt; punctuation &lt; symbols &lt; currency
 * &lt; digits &lt; letters. Punctuation and symbols (ASCII) follow the CLDR order
 * {@code _ - , ; : ! ? . ' " ( ) [ ] { } @ * / \ & # % ` ^ + < = > | ~ $}; other non-letters follow them by
 * code point. Digits compare by digit value one at a time ({@code "a10" < "a2" < "a9"}, as R does).
 * Letters compare by their base letter ignoring case and accents; {@code ß} counts as "ss", {@code æ} as
 * "ae", {@code œ} as "oe"; {@code ø đ ł ð} as o d l d with an accent; other scripts follow Latin by code
 * point. A shorter text that is a prefix of a longer one comes first ({@code "a" < "a b" < "ab"}).</li>
 * <li>Secondary, on ties: unaccented before accented ({@code "e" < "é"}), compared left to right.</li>
 * <li>Tertiary, on ties: lower case before upper case, left to right ({@code "ab" < "aB" < "Ab" < "AB"}),
 * and plain before compatibility forms ({@code "a2" < "a²"}).</li>
 * </ol>
 * Texts equal on all three levels (different Unicode spellings of the same text) fall back to code order.
 */
public final class LevelOrder {
    /** The text order described above. */
    public static final Comparator<String> TEXT = (a, b) -> Key.of(a).compareTo(Key.of(b));

    /** CLDR root order of the ASCII punctuation and symbols (all sort before digits and letters). */
    private static final String ASCII_VARIABLE = "_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$";

    private static final int WHITE_SPACE = 1;
    private static final int ASCII_BASE = 10;
    private static final int OTHER_BASE = 100;
    private static final int DIGIT_BASE = 0x200000;
    private static final int LETTER_BASE = DIGIT_BASE + 100;
    private static final int OTHER_LETTER_BASE = 0x400000;

    private LevelOrder() {
    }

    /** The levels sorted: numerically when all of them are numbers, else by {@link #TEXT}. */
    static List<String> sort(List<String> levels, char decimalMark) {
        double[] values = new double[levels.size()];
        boolean allNumbers = true;
        for (int i = 0; i < levels.size(); i++) {
            char[] chars = levels.get(i).toCharArray();
            values[i] = NumberParser.parse(chars, 0, chars.length, decimalMark);
            if (Double.isNaN(values[i])) {
                allNumbers = false;
                break;
            }
        }
        List<String> sorted = new ArrayList<>(levels);
        if (allNumbers) {
            sorted.sort(Comparator.comparingDouble((String s) -> {
                char[] chars = s.toCharArray();
                return NumberParser.parse(chars, 0, chars.length, decimalMark);
            }).thenComparing(TEXT));
            return sorted;
        }
        // keys once per level, not per comparison
        List<Key> keys = new ArrayList<>(levels.size());
        for (String level : levels) keys.add(Key.of(level));
        keys.sort(null);
        for (int i = 0; i < keys.size(); i++) sorted.set(i, keys.get(i).text);
        return sorted;
    }

    /** The three weight sequences of one text. */
    private record Key(String text, int[] primary, int[] secondary, int[] tertiary) implements Comparable<Key> {
        static Key of(String text) {
            Weights w = new Weights();
            text.codePoints().forEach(cp -> add(w, cp));
            return new Key(text, w.primary.toArray(), w.secondary.toArray(), w.tertiary.toArray());
        }

        @Override
        public int compareTo(Key o) {
            int c = Arrays.compare(primary, o.primary);
            if (c == 0) c = Arrays.compare(secondary, o.secondary);
            if (c == 0) c = Arrays.compare(tertiary, o.tertiary);
            return c != 0 ? c : text.compareTo(o.text);
        }
    }

    private static void add(Weights w, int cp) {
        String canonical = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
        String compatible = Normalizer.normalize(canonical, Normalizer.Form.NFKD);
        boolean compat = !compatible.equals(canonical);
        compatible.codePoints().forEach(c -> addDecomposed(w, c, compat));
    }

    /** Weights of one code point of a decomposed text; compatibility forms (², ½) get a higher tertiary. */
    private static void addDecomposed(Weights w, int cp, boolean compat) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK) {
            // an accent: no primary weight, a secondary weight after "no accent"
            w.secondary.add(2 + cp);
            return;
        }
        int lower = Character.toLowerCase(cp);
        int tertiary = (lower != cp || Character.isTitleCase(cp) ? 1 : 0) + (compat ? 2 : 0);
        switch (lower) {
            case 'ß' -> {
                w.element(letter('s'), 1, tertiary + 4);
                w.element(letter('s'), 1, tertiary + 4);
                return;
            }
            case 'æ' -> {
                w.element(letter('a'), 1, tertiary + 4);
                w.element(letter('e'), 1, tertiary + 4);
                return;
            }
            case 'œ' -> {
                w.element(letter('o'), 1, tertiary + 4);
                w.element(letter('e'), 1, tertiary + 4);
                return;
            }
            case 'ø' -> {
                w.element(letter('o'), 1, tertiary);
                w.secondary.add(2 + 0x338);
                return;
            }
            case 'đ', 'ð' -> {
                w.element(letter('d'), 1, tertiary);
                w.secondary.add(2 + 0x335);
                return;
            }
            case 'ł' -> {
                w.element(letter('l'), 1, tertiary);
                w.secondary.add(2 + 0x337);
                return;
            }
            default -> {
            }
        }
        w.element(primary(cp, lower), 1, tertiary);
    }

    private static int primary(int cp, int lower) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) return WHITE_SPACE;
        int ascii = cp < 128 ? ASCII_VARIABLE.indexOf(cp) : -1;
        if (ascii >= 0) return ASCII_BASE + ascii;
        if (Character.isDigit(cp)) return DIGIT_BASE + Character.digit(cp, 10);
        if (lower >= 'a' && lower <= 'z') return letter(lower);
        if (Character.isLetter(cp)) return OTHER_LETTER_BASE + lower;
        // other punctuation and symbols: after ASCII ones, before digits; currency last among them
        int type = Character.getType(cp);
        return OTHER_BASE + (type == Character.CURRENCY_SYMBOL ? 0x110000 : 0) + cp;
    }

    private static int letter(int lower) {
        return LETTER_BASE + (lower - 'a');
    }

    /** Growing weight lists; secondary and tertiary have one entry per element with a primary weight. */
    private static final class Weights {
        final IntList primary = new IntList();
        final IntList secondary = new IntList();
        final IntList tertiary = new IntList();

        void element(int p, int s, int t) {
            primary.add(p);
            secondary.add(s);
            tertiary.add(t);
        }
    }

    private static final class IntList {
        private int[] data = new int[8];
        private int size;

        void add(int v) {
            if (size == data.length) data = Arrays.copyOf(data, size * 2);
            data[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
