package org.multilevel.formula.internal;

import java.math.BigDecimal;
import java.math.MathContext;

/** Formats numbers as R prints them (15 significant digits, fixed unless scientific is narrower). */
public final class RNumbers {
    private static final MathContext DIGITS15 = new MathContext(15);

    private RNumbers() {
    }

    /** As R's {@code deparse}/{@code as.character} of a double. */
    public static String format(double x) {
        if (Double.isNaN(x)) return "NaN";
        if (Double.isInfinite(x)) return x > 0 ? "Inf" : "-Inf";
        if (x == 0) return "0";
        BigDecimal bd = new BigDecimal(x).round(DIGITS15).stripTrailingZeros();
        String fixed = bd.toPlainString();
        String digits = bd.unscaledValue().abs().toString();
        int exponent = bd.precision() - bd.scale() - 1;
        StringBuilder sci = new StringBuilder();
        if (x < 0) sci.append('-');
        sci.append(digits.charAt(0));
        if (digits.length() > 1) sci.append('.').append(digits, 1, digits.length());
        sci.append('e').append(exponent < 0 ? '-' : '+');
        int absExp = Math.abs(exponent);
        if (absExp < 10) sci.append('0');
        sci.append(absExp);
        return fixed.length() <= sci.length() ? fixed : sci.toString();
    }

    /**
     * A level label of a numeric grouping or {@code factor()} column: whole numbers print as integers (as R
     * does for the integer columns {@code read.csv} makes of them), others as {@link #format(double)}.
     */
    public static String levelLabel(double x, boolean allWhole) {
        if (allWhole && Math.abs(x) < 1e15) return Long.toString((long) x);
        return format(x);
    }
}
