package org.multilevel.report.text;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Numbers formatted for reading as R prints them: a column shares one number of decimals, enough to show
 * every entry to the asked significant digits; p-values as {@code format.pval} writes them.
 */
public final class RNumbers {
    /** R's .Machine$double.eps: smaller p-values print as "<2e-16". */
    public static final double EPS = 2.220446049250313e-16;
    private static final int MAX_DECIMALS = 15;

    private RNumbers() {
    }

    /** One number to {@code digits} significant digits, trailing zeros dropped (R's {@code format(x, digits)}). */
    public static String format(double x, int digits) {
        return column(new double[] {x}, digits)[0];
    }

    /** A column of numbers with common decimals (R's {@code format(x, digits)} on a vector). NaN prints "NA". */
    public static String[] column(double[] xs, int digits) {
        return column(xs, digits, Integer.MAX_VALUE);
    }

    /**
     * As {@link #column(double[], int)}, after rounding to at most {@code maxDecimals} decimals (R's
     * {@code format(round(x, maxDecimals), digits)}).
     */
    public static String[] column(double[] xs, int digits, int maxDecimals) {
        int decimals = 0;
        int sigNeeded = 1;
        boolean any = false;
        double maxAbs = 0;
        double minAbs = Double.POSITIVE_INFINITY;
        for (double x : xs) {
            if (!Double.isFinite(x)) continue;
            double r = maxDecimals == Integer.MAX_VALUE ? x : roundDecimals(x, maxDecimals);
            any = true;
            decimals = Math.max(decimals, Math.min(maxDecimals, decimalsNeeded(r, digits)));
            sigNeeded = Math.max(sigNeeded, significantNeeded(r, digits));
            if (r != 0) {
                maxAbs = Math.max(maxAbs, Math.abs(r));
                minAbs = Math.min(minAbs, Math.abs(r));
            }
        }
        String[] out = new String[xs.length];
        boolean scientific = false;
        if (any && maxAbs > 0) {
            // R prefers fixed notation unless it is wider than scientific notation
            int fixedWidth = integerDigits(maxAbs) + (decimals > 0 ? decimals + 1 : 0);
            int expDigits = Math.max(2, String.valueOf(Math.abs(exponent(minAbs))).length());
            int sciWidth = 1 + (sigNeeded > 1 ? sigNeeded : 0) + 2 + expDigits;
            scientific = fixedWidth > sciWidth;
        }
        for (int i = 0; i < xs.length; i++) {
            double x = xs[i];
            if (Double.isNaN(x)) {
                out[i] = "NA";
            } else if (Double.isInfinite(x)) {
                out[i] = x > 0 ? "Inf" : "-Inf";
            } else if (scientific) {
                out[i] = String.format(Locale.ROOT, "%." + (sigNeeded - 1) + "e", x);
            } else {
                double r = maxDecimals == Integer.MAX_VALUE ? x : roundDecimals(x, maxDecimals);
                out[i] = fixed(r, Math.min(decimals, MAX_DECIMALS));
            }
        }
        return out;
    }

    /** A number with exactly {@code decimals} decimals ("-0" shows as "0"). */
    public static String fixed(double x, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", x);
        if (s.startsWith("-") && s.matches("-0(\\.0*)?")) s = s.substring(1);
        return s;
    }

    /** A p-value as R's {@code format.pval(p, digits = 3)}: "<2e-16", "3.26e-06", "0.0123". */
    public static String pValue(double p) {
        if (Double.isNaN(p)) return "NA";
        if (p < EPS) return "<2e-16";
        if (p < 1e-4) return String.format(Locale.ROOT, "%.2e", p);
        return format(p, 3);
    }

    /** R's significance stars. */
    public static String stars(double p) {
        if (Double.isNaN(p)) return "";
        if (p < 0.001) return "***";
        if (p < 0.01) return "**";
        if (p < 0.05) return "*";
        if (p < 0.1) return ".";
        return "";
    }

    public static final String SIGNIF_LEGEND = "Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1";

    /**
     * R's {@code printCoefmat} rule for estimates and standard errors: round to as many decimals as give the
     * smallest magnitude {@code digits} significant digits (at least 1), then format the column.
     */
    public static String[] coefficients(double[] xs, int digits) {
        double minAbs = Double.POSITIVE_INFINITY;
        for (double x : xs) {
            if (Double.isFinite(x) && x != 0) minAbs = Math.min(minAbs, Math.abs(x));
        }
        int round = Double.isInfinite(minAbs) ? 1 : Math.max(1, digits - (1 + exponent(minAbs)));
        return column(xs, digits, Math.min(round, MAX_DECIMALS));
    }

    private static int exponent(double x) {
        return (int) Math.floor(Math.log10(Math.abs(x)));
    }

    private static int integerDigits(double absValue) {
        return absValue < 1 ? 1 : exponent(absValue) + 1;
    }

    private static double roundDecimals(double x, int decimals) {
        if (!Double.isFinite(x)) return x;
        return new BigDecimal(x).setScale(decimals, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }

    private static int decimalsNeeded(double x, int digits) {
        if (x == 0) return 0;
        BigDecimal b = new BigDecimal(x).round(new MathContext(digits)).stripTrailingZeros();
        return Math.max(0, b.scale());
    }

    private static int significantNeeded(double x, int digits) {
        if (x == 0) return 1;
        BigDecimal b = new BigDecimal(x).round(new MathContext(digits)).stripTrailingZeros();
        return Math.max(1, b.precision());
    }
}
