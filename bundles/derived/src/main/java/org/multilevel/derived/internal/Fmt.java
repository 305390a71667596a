package org.multilevel.derived.internal;

import java.util.Locale;

/** Numbers rounded for reading in the text rendering (the JSON keeps full precision). */
public final class Fmt {
    private Fmt() {
    }

    /** Four decimals in the usual range, scientific notation for very small or large values; "NA" for none. */
    public static String num(Double value) {
        if (value == null || Double.isNaN(value)) return "NA";
        double v = value;
        if (Double.isInfinite(v)) return v > 0 ? "Inf" : "-Inf";
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) return String.format(Locale.ROOT, "%.3e", v);
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** A p-value as R prints it: "<2e-16" below machine precision. */
    public static String p(Double value) {
        if (value == null || Double.isNaN(value)) return "NA";
        if (value < 2.2e-16) return "<2e-16";
        if (value < 1e-4) return String.format(Locale.ROOT, "%.2e", value);
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /** Degrees of freedom: one decimal, "Inf" for an asymptotic test. */
    public static String df(Double value) {
        if (value == null || Double.isInfinite(value)) return "Inf";
        if (Double.isNaN(value)) return "NA";
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** A numeric cluster id as a level name: integers without a decimal point (as R prints them). */
    public static String level(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) return Long.toString((long) value);
        return Double.toString(value);
    }
}
