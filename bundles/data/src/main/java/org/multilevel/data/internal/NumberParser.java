package org.multilevel.data.internal;

/**
 * Parses a plain decimal number straight from the parser's character buffer, without making a String.
 *
 * <p>Accepted syntax (what R's {@code read.csv} reads as a number, minus {@code Inf}, {@code NaN} and hex):
 * {@code [+-]? (digits [mark digits?] | mark digits) ([eE] [+-]? digits)?}, where {@code mark} is the decimal
 * mark ('.' or ','). Anything else is not a number ({@link #NOT_A_NUMBER} is returned; missing-value tokens are
 * recognised before this is called, so NaN is never a parsed value).
 *
 * <p>Fast path (Clinger): when the significand has at most 15 digits and the decimal exponent is within ±22,
 * both the significand and the power of ten are exact doubles, so one multiplication or division gives the
 * correctly rounded result, i.e. exactly what {@link Double#parseDouble} returns. Significands of up to 18
 * digits otherwise go through {@link EiselLemire}; everything else (and what it cannot decide) goes to
 * {@link Double#parseDouble}.
 */
final class NumberParser {
    static final double NOT_A_NUMBER = Double.NaN;

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
    };
    private static final int MAX_FAST_DIGITS = 15;

    private NumberParser() {
    }

    /** The value of {@code buf[off, off+len)} (already trimmed), or {@link #NOT_A_NUMBER}. */
    static double parse(char[] buf, int off, int len, char decimalMark) {
        int end = off + len;
        int i = off;
        if (i == end) return NOT_A_NUMBER;
        boolean negative = false;
        char c = buf[i];
        if (c == '-' || c == '+') {
            negative = c == '-';
            i++;
        }
        long significand = 0;
        int significantDigits = 0; // digits after leading zeros, counted even when not accumulated
        int digits = 0;
        int exponent = 0;
        for (; i < end; i++) {
            c = buf[i];
            if (c < '0' || c > '9') break;
            digits++;
            if (significantDigits > 0 || c != '0') {
                if (significantDigits < 18) significand = significand * 10 + (c - '0');
                else exponent++; // digit beyond what a long holds: only for the slow path's syntax check
                significantDigits++;
            }
        }
        if (i < end && buf[i] == decimalMark) {
            i++;
            for (; i < end; i++) {
                c = buf[i];
                if (c < '0' || c > '9') break;
                digits++;
                if (significantDigits > 0 || c != '0') {
                    if (significantDigits < 18) {
                        significand = significand * 10 + (c - '0');
                        exponent--;
                    }
                    significantDigits++;
                } else {
                    exponent--;
                }
            }
        }
        if (digits == 0) return NOT_A_NUMBER;
        if (i < end && (buf[i] == 'e' || buf[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < end && (buf[i] == '-' || buf[i] == '+')) {
                negativeExponent = buf[i] == '-';
                i++;
            }
            int exponentDigits = 0;
            int written = 0;
            for (; i < end; i++) {
                c = buf[i];
                if (c < '0' || c > '9') break;
                if (written < 100_000) written = written * 10 + (c - '0');
                exponentDigits++;
            }
            if (exponentDigits == 0) return NOT_A_NUMBER;
            exponent += negativeExponent ? -written : written;
        }
        if (i != end) return NOT_A_NUMBER;
        if (significand == 0) return negative ? -0.0 : 0.0;
        if (significantDigits <= MAX_FAST_DIGITS && exponent >= -22 && exponent <= 22) {
            double value = exponent < 0
                    ? significand / POWERS_OF_TEN[-exponent]
                    : significand * POWERS_OF_TEN[exponent];
            return negative ? -value : value;
        }
        if (significantDigits <= 18) { // every digit is in the significand: Eisel-Lemire decides most cases
            long bits = EiselLemire.toBits(significand, exponent);
            if (bits != EiselLemire.UNDECIDED) {
                double value = Double.longBitsToDouble(bits);
                return negative ? -value : value;
            }
        }
        return slowPath(buf, off, len, decimalMark);
    }

    private static double slowPath(char[] buf, int off, int len, char decimalMark) {
        String text = new String(buf, off, len);
        if (decimalMark != '.') text = text.replace(decimalMark, '.');
        return Double.parseDouble(text);
    }
}
