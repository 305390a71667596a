package org.multilevel.lmm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * lme4's profiling scale of the variance parameters: per random term the standard deviations and
 * correlations in theta's order (a diagonal entry of the term's factor becomes an SD, an off-diagonal one a
 * correlation), then the residual SD sigma. Converts to and from (theta, sigma).
 */
final class SdCorScale {
    /** What a position of the vector is. */
    enum Kind { SD, COR, SIGMA }

    /**
     * One parameter.
     *
     * @param name     readable name, as lme4 with signames = FALSE ("sd_(Intercept)|school", "sigma")
     * @param lme4Name lme4's default name (".sig01", ".sigma")
     */
    record Parameter(String name, String lme4Name, Kind kind) {
    }

    private final RandomStructure structure;
    private final List<Parameter> parameters;

    SdCorScale(RandomStructure structure) {
        this.structure = structure;
        List<Parameter> out = new ArrayList<>();
        int index = 0;
        for (RandomStructure.Term t : structure.terms()) {
            List<String> e = t.effects();
            for (int c = 0; c < t.q(); c++) {
                for (int r = c; r < t.q(); r++) {
                    index++;
                    String sig = String.format(Locale.ROOT, ".sig%02d", index);
                    if (r == c) out.add(new Parameter("sd_" + e.get(r) + "|" + t.group(), sig, Kind.SD));
                    else out.add(new Parameter("cor_" + e.get(r) + "." + e.get(c) + "|" + t.group(), sig, Kind.COR));
                }
            }
        }
        out.add(new Parameter("sigma", ".sigma", Kind.SIGMA));
        this.parameters = List.copyOf(out);
    }

    List<Parameter> parameters() {
        return parameters;
    }

    int size() {
        return parameters.size();
    }

    /** (theta, sigma) -> SDs, correlations and sigma. */
    double[] fromTheta(double[] theta, double sigma) {
        double[] v = new double[parameters.size()];
        for (RandomStructure.Term t : structure.terms()) {
            double[][] rel = structure.relativeCovariance(t, theta);
            int q = t.q();
            int idx = t.thetaOffset();
            for (int c = 0; c < q; c++) {
                for (int r = c; r < q; r++) {
                    if (r == c) {
                        v[idx] = sigma * Math.sqrt(rel[r][r]);
                    } else {
                        double d = Math.sqrt(rel[r][r] * rel[c][c]);
                        v[idx] = d > 0 ? rel[r][c] / d : 0.0;
                    }
                    idx++;
                }
            }
        }
        v[v.length - 1] = sigma;
        return v;
    }

    /**
     * SDs, correlations and sigma -> theta (the lower Cholesky factor of each term's covariance over sigma^2);
     * null when a term's correlation matrix is not positive semidefinite.
     */
    double[] toTheta(double[] v) {
        double sigma = v[v.length - 1];
        double[] theta = new double[structure.thetaCount()];
        for (RandomStructure.Term t : structure.terms()) {
            int q = t.q();
            double[] sd = new double[q];
            double[][] cor = new double[q][q];
            int idx = t.thetaOffset();
            for (int c = 0; c < q; c++) {
                for (int r = c; r < q; r++) {
                    if (r == c) {
                        sd[r] = v[idx] / sigma;
                        cor[r][r] = 1;
                    } else {
                        cor[r][c] = v[idx];
                        cor[c][r] = v[idx];
                    }
                    idx++;
                }
            }
            double[][] l = semidefiniteCholesky(cor);
            if (l == null) return null;
            idx = t.thetaOffset();
            for (int c = 0; c < q; c++)
                for (int r = c; r < q; r++) theta[idx++] = sd[r] * l[r][c];
        }
        return theta;
    }

    /** Lower factor of a correlation matrix; a zero pivot (a correlation of +-1) leaves its column zero. */
    private static double[][] semidefiniteCholesky(double[][] a) {
        int q = a.length;
        double[][] l = new double[q][q];
        for (int j = 0; j < q; j++) {
            double d = a[j][j];
            for (int k = 0; k < j; k++) d -= l[j][k] * l[j][k];
            if (d < -1e-10) return null;
            double pivot = Math.sqrt(Math.max(d, 0));
            l[j][j] = pivot;
            for (int i = j + 1; i < q; i++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
                if (pivot > 1e-12) l[i][j] = s / pivot;
                else if (Math.abs(s) > 1e-8) return null;
            }
        }
        return l;
    }
}
