package org.multilevel.derived;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.multilevel.api.MultilevelException;

/**
 * An ordinary least-squares fit as R's {@code summary(lm(...))} reports it: coefficients with SE, t and p;
 * residual SD σ; R² and adjusted R² (about the mean when the model has an intercept, about 0 otherwise, as R);
 * the overall F test. Solved by a Householder QR (EJML). A column that is (numerically) a combination of
 * earlier ones is aliased, as in {@code lm}: its coefficient is null and the others are fitted without it.
 * Values that do not exist (R², F with nothing to test) are null.
 *
 * @param n          rows
 * @param rank       coefficients estimated (columns not aliased)
 * @param residualDf n − rank
 * @param sigma      residual standard deviation
 * @param fNumDf     numerator df of F (rank, minus 1 with an intercept); null when there is nothing to test
 */
public record OlsFit(int n, int rank, int residualDf, List<OlsCoefficient> coefficients, Double sigma, Double r2,
                     Double adjR2, Double f, Integer fNumDf, Integer fDenDf, Double fP) {
    /** Relative size below which a column counts as collinear with earlier ones (R's lm uses 1e-7). */
    private static final double ALIAS_TOLERANCE = 1e-7;

    public OlsFit {
        coefficients = List.copyOf(coefficients);
    }

    /** The coefficient of a term, or null when there is no such term. */
    public OlsCoefficient coefficient(String term) {
        for (OlsCoefficient c : coefficients) {
            if (c.term().equals(term)) return c;
        }
        return null;
    }

    /**
     * @param x     n × p model matrix, row-major
     * @param y     response, n values
     * @param names the p column names; "(Intercept)" marks the intercept
     * @throws MultilevelException when the rows cannot estimate the coefficients with a residual df left
     */
    public static OlsFit fit(double[] x, int n, int p, double[] y, List<String> names) {
        if (x.length != n * p || y.length != n || names.size() != p) {
            throw new IllegalArgumentException("model matrix " + x.length + " values for " + n + " x " + p
                    + ", response " + y.length + ", names " + names.size());
        }
        List<Integer> kept = independentColumns(x, n, p);
        DMatrixRMaj xk = columns(x, n, p, kept);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, kept.size());
        if (kept.size() > n || !qr.decompose(xk.copy())) {
            throw new MultilevelException(n + " row" + (n == 1 ? "" : "s") + " cannot estimate " + kept.size()
                    + " coefficients");
        }
        DMatrixRMaj r = qr.getR(null, true);
        int k = kept.size();
        int df = n - k;
        if (df <= 0) {
            throw new MultilevelException(n + " row" + (n == 1 ? "" : "s") + " cannot estimate " + k
                    + " coefficient" + (k == 1 ? "" : "s") + " with a residual variance left");
        }
        DMatrixRMaj q = qr.getQ(null, true); // n x k
        double[] qty = new double[k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) qty[j] += q.get(i, j) * y[i];
        }
        double[][] rInv = invertUpper(r, k);
        double[] beta = new double[k];
        for (int a = 0; a < k; a++) {
            double s = 0;
            for (int b = a; b < k; b++) s += rInv[a][b] * qty[b];
            beta[a] = s;
        }
        double rss = 0;
        double sumY = 0;
        for (int i = 0; i < n; i++) sumY += y[i];
        double meanY = sumY / n;
        boolean intercept = false;
        for (int j : kept) intercept |= names.get(j).equals("(Intercept)");
        double tss = 0;
        for (int i = 0; i < n; i++) {
            double fitted = 0;
            for (int a = 0; a < k; a++) fitted += x[i * p + kept.get(a)] * beta[a];
            double e = y[i] - fitted;
            rss += e * e;
            double d = intercept ? y[i] - meanY : y[i];
            tss += d * d;
        }
        double sigma2 = rss / df;
        TDistribution t = new TDistribution(null, df);
        List<OlsCoefficient> coefficients = new ArrayList<>(p);
        for (int j = 0; j < p; j++) {
            int a = kept.indexOf(j);
            if (a < 0) {
                coefficients.add(new OlsCoefficient(names.get(j), null, null, null, null));
                continue;
            }
            double v = 0;
            for (int b = a; b < k; b++) v += rInv[a][b] * rInv[a][b];
            double se = Math.sqrt(sigma2 * v);
            double stat = beta[a] / se;
            double pValue = 2 * t.cumulativeProbability(-Math.abs(stat));
            coefficients.add(new OlsCoefficient(names.get(j), beta[a], finite(se), finite(stat), finite(pValue)));
        }
        int numDf = k - (intercept ? 1 : 0);
        Double r2 = tss > 0 ? 1 - rss / tss : null;
        Double adj = r2 == null ? null : 1 - (1 - r2) * (n - (intercept ? 1 : 0)) / df;
        Double f = null;
        Double fP = null;
        if (numDf > 0 && tss > 0) {
            double fValue = ((tss - rss) / numDf) / sigma2;
            f = finite(fValue);
            if (f != null) fP = 1 - new FDistribution(null, numDf, df).cumulativeProbability(fValue);
        }
        return new OlsFit(n, k, df, coefficients, finite(Math.sqrt(sigma2)), r2, adj, f,
                numDf > 0 ? numDf : null, numDf > 0 ? df : null, fP);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static DMatrixRMaj columns(double[] x, int n, int p, List<Integer> kept) {
        DMatrixRMaj m = new DMatrixRMaj(n, kept.size());
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < kept.size(); a++) m.unsafe_set(i, a, x[i * p + kept.get(a)]);
        }
        return m;
    }

    /**
     * The columns that are not (numerically) combinations of earlier ones, as R's lm keeps them: Gram-Schmidt
     * in column order, applied twice for accuracy; a column whose remainder is below the tolerance relative to
     * its norm is aliased.
     */
    private static List<Integer> independentColumns(double[] x, int n, int p) {
        List<Integer> kept = new ArrayList<>();
        List<double[]> basis = new ArrayList<>();
        for (int j = 0; j < p && basis.size() < n; j++) {
            double[] v = new double[n];
            double norm = 0;
            for (int i = 0; i < n; i++) {
                v[i] = x[i * p + j];
                norm += v[i] * v[i];
            }
            norm = Math.sqrt(norm);
            if (norm == 0) continue;
            for (int pass = 0; pass < 2; pass++) {
                for (double[] q : basis) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) dot += q[i] * v[i];
                    for (int i = 0; i < n; i++) v[i] -= dot * q[i];
                }
            }
            double rest = 0;
            for (double value : v) rest += value * value;
            rest = Math.sqrt(rest);
            if (rest <= ALIAS_TOLERANCE * norm) continue;
            for (int i = 0; i < n; i++) v[i] /= rest;
            basis.add(v);
            kept.add(j);
        }
        return kept;
    }

    private static double[][] invertUpper(DMatrixRMaj r, int k) {
        double[][] inv = new double[k][k];
        for (int col = 0; col < k; col++) {
            for (int row = col; row >= 0; row--) {
                double s = row == col ? 1 : 0;
                for (int m = row + 1; m <= col; m++) s -= r.get(row, m) * inv[m][col];
                inv[row][col] = s / r.get(row, row);
            }
        }
        return inv;
    }
}
