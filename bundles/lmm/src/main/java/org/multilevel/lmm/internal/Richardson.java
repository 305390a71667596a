package org.multilevel.lmm.internal;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Numerical derivatives with Richardson extrapolation (the method of R's numDeriv, which lmerTest uses):
 * central differences at steps h, h/2, h/4, h/8, extrapolated in powers of h^2.
 */
final class Richardson {
    private static final int LEVELS = 4;

    private Richardson() {
    }

    private static double step(double x, double d) {
        return Math.abs(x) < 1e-5 ? 1e-4 : d * Math.abs(x);
    }

    private static double extrapolate(double[] a) {
        double[] t = a.clone();
        for (int m = 1; m < t.length; m++) {
            double f = Math.pow(4, m);
            for (int r = 0; r < t.length - m; r++) t[r] = (f * t[r + 1] - t[r]) / (f - 1);
        }
        return t[0];
    }

    /** Hessian of f at x (step d relative, as numDeriv's hessian with d = 0.1). */
    static double[][] hessian(ToDoubleFunction<double[]> f, double[] x, double d) {
        int k = x.length;
        double f0 = f.applyAsDouble(x);
        double[][] h = new double[k][k];
        double[] h0 = new double[k];
        for (int i = 0; i < k; i++) h0[i] = step(x[i], d);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                double[] a = new double[LEVELS];
                for (int r = 0; r < LEVELS; r++) {
                    double hi = h0[i] / Math.pow(2, r);
                    double hj = h0[j] / Math.pow(2, r);
                    if (i == j) {
                        a[r] = (eval(f, x, i, hi, -1, 0) - 2 * f0 + eval(f, x, i, -hi, -1, 0)) / (hi * hi);
                    } else {
                        a[r] = (eval(f, x, i, hi, j, hj) - eval(f, x, i, hi, j, -hj) - eval(f, x, i, -hi, j, hj)
                                + eval(f, x, i, -hi, j, -hj)) / (4 * hi * hj);
                    }
                }
                h[i][j] = extrapolate(a);
                h[j][i] = h[i][j];
            }
        }
        return h;
    }

    /** Jacobian of a vector function: out[k] = d g / d x_k (step d relative, numDeriv's default 1e-4). */
    static double[][] jacobian(Function<double[], double[]> g, double[] x, double d) {
        int k = x.length;
        double[][] out = new double[k][];
        for (int i = 0; i < k; i++) {
            double h0 = step(x[i], d);
            double[][] levels = new double[LEVELS][];
            for (int r = 0; r < LEVELS; r++) {
                double h = h0 / Math.pow(2, r);
                double[] xp = x.clone();
                double[] xm = x.clone();
                xp[i] += h;
                xm[i] -= h;
                double[] gp = g.apply(xp);
                double[] gm = g.apply(xm);
                double[] dv = new double[gp.length];
                for (int c = 0; c < gp.length; c++) dv[c] = (gp[c] - gm[c]) / (2 * h);
                levels[r] = dv;
            }
            int len = levels[0].length;
            out[i] = new double[len];
            double[] a = new double[LEVELS];
            for (int c = 0; c < len; c++) {
                for (int r = 0; r < LEVELS; r++) a[r] = levels[r][c];
                out[i][c] = extrapolate(a);
            }
        }
        return out;
    }

    private static double eval(ToDoubleFunction<double[]> f, double[] x, int i, double hi, int j, double hj) {
        double[] y = x.clone();
        y[i] += hi;
        if (j >= 0) y[j] += hj;
        return f.applyAsDouble(y);
    }
}
