package org.multilevel.formula.internal;

import org.multilevel.api.MultilevelException;
import org.multilevel.api.model.Family;

/**
 * The response of the model: numeric for gaussian and poisson; for binomial a 0/1 column, a two-valued
 * categorical column (the first level in sort order is failure, as R does) or {@code cbind(s, f)} giving
 * the proportion s/(s+f) with s+f trials as weights.
 */
public final class ResponseBuilder {
    /** @param weights binomial trials per row, or null */
    public record Response(double[] y, double[] weights) {
    }

    private ResponseBuilder() {
    }

    public static Response build(Node lhs, Family family, Evaluator ev) {
        String label = Deparse.of(lhs);
        if (lhs instanceof Node.Call c && c.fn().equals("cbind")) {
            if (family != Family.BINOMIAL) {
                throw new MultilevelException("the response " + label + " (successes and failures) needs family binomial, not " + family.rName());
            }
            if (c.args().size() != 2) {
                throw new MultilevelException("cbind() in the response takes two arguments, successes and failures: " + label);
            }
            double[] s = counts(c.args().get(0), ev, "successes");
            double[] f = counts(c.args().get(1), ev, "failures");
            double[] y = new double[s.length];
            double[] w = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                w[i] = s[i] + f[i];
                y[i] = w[i] > 0 ? s[i] / w[i] : 0;
            }
            return new Response(y, w);
        }
        Value v = ev.value(lhs);
        if (v instanceof Value.Factor fac) {
            if (family != Family.BINOMIAL) {
                throw new MultilevelException("the response '" + label + "' is categorical (levels "
                        + preview(fac) + "); a " + family.rName() + " model needs a numeric response"
                        + (fac.levelCount() == 2 ? " (use family binomial for a two-valued response)" : ""));
            }
            if (fac.levelCount() > 2) {
                throw new MultilevelException("the binomial response '" + label + "' has " + fac.levelCount()
                        + " values (" + preview(fac) + "); it needs exactly two");
            }
            double[] y = new double[fac.codes().length];
            for (int i = 0; i < y.length; i++) y[i] = fac.codes()[i] == 0 ? 0 : 1;
            return new Response(y, null);
        }
        double[] y = ((Value.Numeric) v).values();
        ev.requireFinite(lhs, y);
        switch (family) {
            case BINOMIAL:
                for (double value : y) {
                    if (value != 0 && value != 1) {
                        throw new MultilevelException("the binomial response '" + label + "' has the value "
                                + RNumbers.format(value) + "; it needs 0/1 values, two categories, or cbind(successes, failures)");
                    }
                }
                break;
            case POISSON:
                for (double value : y) {
                    if (value < 0) {
                        throw new MultilevelException("the poisson response '" + label + "' has the negative value "
                                + RNumbers.format(value) + "; counts cannot be negative");
                    }
                }
                break;
            default: {
                double first = y[0];
                boolean constant = true;
                for (double value : y) {
                    if (value != first) {
                        constant = false;
                        break;
                    }
                }
                if (constant) {
                    throw new MultilevelException("the response '" + label + "' has no variance: it is "
                            + RNumbers.format(first) + " in all " + y.length + " analysed rows");
                }
            }
        }
        return new Response(y, null);
    }

    private static double[] counts(Node node, Evaluator ev, String what) {
        double[] x = ev.numeric(node);
        ev.requireFinite(node, x);
        for (double v : x) {
            if (v < 0 || v != Math.rint(v)) {
                throw new MultilevelException("the " + what + " '" + Deparse.of(node) + "' of the binomial response must be"
                        + " whole numbers of at least 0, but one is " + RNumbers.format(v));
            }
        }
        return x;
    }

    private static String preview(Value.Factor f) {
        int shown = Math.min(4, f.levelCount());
        String s = String.join(", ", f.levels().subList(0, shown));
        return f.levelCount() > shown ? s + ", ..." : s;
    }
}
