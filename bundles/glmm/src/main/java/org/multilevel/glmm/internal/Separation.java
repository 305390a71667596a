package org.multilevel.glmm.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NoFeasibleSolutionException;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.PivotSelectionRule;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.exception.MathIllegalStateException;

/**
 * Whether the fixed-effects columns alone separate the outcome (complete or quasi-complete separation), the
 * condition under which the maximum-likelihood estimates of a logistic or Poisson model do not exist.
 *
 * <p>Every row gives one or two signed rows {@code s x}: a success {@code +x}, a failure {@code -x} (a binomial
 * row with both gives both); for counts a zero {@code -x}, a positive count both. The fixed part separates
 * the outcome when some direction b has {@code s x'b >= 0} on every signed row and {@code > 0} on one: moving
 * β along b never lowers the likelihood, so an estimate diverges. By Stiemke's theorem of the alternative
 * there is no such b exactly when strictly positive weights w with {@code sum w s x = 0} exist, a linear
 * feasibility problem with one equation per column, which the simplex method decides.
 */
final class Separation {
    private Separation() {
    }

    /**
     * @param x      n x p row-major fixed-effects matrix
     * @param y      response (binomial: proportion of successes; poisson: count)
     * @param trials binomial trials per row, or null for one
     * @return the columns that together separate the outcome (a minimal set: dropping any one of them ends the
     *         separation), or an empty list when the outcome is not separated or the check is inconclusive
     */
    static List<Integer> separatingColumns(double[] x, int n, int p, double[] y, double[] trials, boolean binomial) {
        if (glmCertifies(x, n, p, y, trials, binomial)) return List.of();
        List<double[]> signed = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double w = trials == null ? 1 : trials[i];
            if (!(w > 0)) continue;
            boolean up = binomial ? y[i] * w > 0 : y[i] > 0;
            boolean down = binomial ? (1 - y[i]) * w > 0 : true;
            double[] row = new double[p];
            System.arraycopy(x, i * p, row, 0, p);
            if (up) signed.add(row);
            if (down) {
                double[] neg = new double[p];
                for (int j = 0; j < p; j++) neg[j] = -row[j];
                signed.add(neg);
            }
        }
        signed = distinct(signed);
        boolean[] use = new boolean[p];
        java.util.Arrays.fill(use, true);
        if (separated(signed, use) != Boolean.TRUE) return List.of();
        // shrink to a minimal separating set: a column whose removal keeps the separation is not needed for it
        for (int j = 0; j < p; j++) {
            use[j] = false;
            if (separated(signed, use) != Boolean.TRUE) use[j] = true;
        }
        List<Integer> out = new ArrayList<>();
        for (int j = 0; j < p; j++) if (use[j]) out.add(j);
        return out;
    }

    /** Equal signed rows are one row for the question (positive weights for one give positive weights for all). */
    private static List<double[]> distinct(List<double[]> rows) {
        record Key(double[] row) {
            @Override
            public boolean equals(Object o) {
                return o instanceof Key k && java.util.Arrays.equals(row, k.row);
            }

            @Override
            public int hashCode() {
                return java.util.Arrays.hashCode(row);
            }
        }
        java.util.LinkedHashSet<Key> set = new java.util.LinkedHashSet<>();
        for (double[] r : rows) set.add(new Key(r));
        List<double[]> out = new ArrayList<>(set.size());
        for (Key k : set) out.add(k.row());
        return out;
    }

    /**
     * The quick answer for the usual, unseparated data: the canonical GLM of the fixed part (logistic or Poisson,
     * Newton steps) reaches its maximum, where the score equations {@code sum x (y - mu) w = 0} are themselves
     * strictly positive weights of the signed rows summing to zero (success rows weighted by w y (1 - mu),
     * failure rows by w (1 - y) mu; counts by y and mu), the certificate that no separation exists. False when
     * the fit does not get there (the simplex method then decides).
     */
    private static boolean glmCertifies(double[] x, int n, int p, double[] y, double[] trials, boolean binomial) {
        double[] eta = new double[n];
        for (int i = 0; i < n; i++) {
            double w = trials == null ? 1 : trials[i];
            double mu0 = binomial ? (w * y[i] + 0.5) / (w + 1) : y[i] + 0.1;
            eta[i] = binomial ? Math.log(mu0 / (1 - mu0)) : Math.log(mu0);
        }
        double[] beta = null;
        double deviance = Double.POSITIVE_INFINITY;
        for (int iter = 0; iter < 30; iter++) {
            // weighted least squares on the working response at the current eta
            double[] xtwx = new double[p * p];
            double[] xtwz = new double[p];
            for (int i = 0; i < n; i++) {
                double w = trials == null ? 1 : trials[i];
                double mu = binomial ? 1 / (1 + Math.exp(-eta[i])) : Math.exp(eta[i]);
                double v = binomial ? mu * (1 - mu) : mu;
                if (!(v > 0) || !(w > 0)) continue;
                double z = eta[i] + (y[i] - mu) / v;
                for (int a = 0; a < p; a++) {
                    double xa = x[i * p + a] * w * v;
                    xtwz[a] += xa * z;
                    for (int b = 0; b < p; b++) xtwx[a * p + b] += xa * x[i * p + b];
                }
            }
            if (!Chol.factor(xtwx, 0, p)) return false;
            Chol.forward(xtwx, 0, p, xtwz, 0);
            Chol.backward(xtwx, 0, p, xtwz, 0);
            double[] next = xtwz;
            double nextDeviance = Double.NaN;
            for (int half = 0; half < 20; half++) {
                double[] e = linearPredictor(x, n, p, next);
                nextDeviance = deviance(e, y, trials, binomial);
                if (nextDeviance <= deviance + 1e-9 * Math.abs(deviance) || beta == null) {
                    eta = e;
                    break;
                }
                for (int a = 0; a < p; a++) next[a] = (next[a] + beta[a]) / 2;
            }
            beta = next;
            if (!Double.isFinite(nextDeviance)) return false;
            boolean done = Math.abs(deviance - nextDeviance) < 1e-8 * (Math.abs(nextDeviance) + 0.1); // glm's criterion
            deviance = nextDeviance;
            if (done) break;
        }
        // the certificate: positive weights, and their signed rows summing to zero relative to their sizes
        double[] sum = new double[p];
        double[] size = new double[p];
        double maxWeight = 0, minWeight = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double w = trials == null ? 1 : trials[i];
            if (!(w > 0)) continue;
            double mu = binomial ? 1 / (1 + Math.exp(-eta[i])) : Math.exp(eta[i]);
            double up = binomial ? w * y[i] * (1 - mu) : y[i];
            double down = binomial ? w * (1 - y[i]) * mu : mu;
            boolean hasUp = binomial ? y[i] * w > 0 : y[i] > 0;
            boolean hasDown = binomial ? (1 - y[i]) * w > 0 : true;
            if (hasUp) {
                maxWeight = Math.max(maxWeight, up);
                minWeight = Math.min(minWeight, up);
            }
            if (hasDown) {
                maxWeight = Math.max(maxWeight, down);
                minWeight = Math.min(minWeight, down);
            }
            for (int a = 0; a < p; a++) {
                double xa = x[i * p + a];
                sum[a] += xa * ((hasUp ? up : 0) - (hasDown ? down : 0));
                size[a] += Math.abs(xa) * ((hasUp ? up : 0) + (hasDown ? down : 0));
            }
        }
        if (!(minWeight > 1e-8 * maxWeight)) return false;
        for (int a = 0; a < p; a++) {
            if (Math.abs(sum[a]) > 1e-6 * size[a]) return false;
        }
        return true;
    }

    private static double[] linearPredictor(double[] x, int n, int p, double[] beta) {
        double[] eta = new double[n];
        for (int i = 0; i < n; i++) {
            double e = 0;
            for (int a = 0; a < p; a++) e += x[i * p + a] * beta[a];
            eta[i] = e;
        }
        return eta;
    }

    /** -2 log-likelihood up to a constant (canonical links). */
    private static double deviance(double[] eta, double[] y, double[] trials, boolean binomial) {
        double d = 0;
        for (int i = 0; i < eta.length; i++) {
            double w = trials == null ? 1 : trials[i];
            if (binomial) {
                // log(1 + e^eta) without overflow
                double softplus = eta[i] > 0 ? eta[i] + Math.log1p(Math.exp(-eta[i])) : Math.log1p(Math.exp(eta[i]));
                d += -2 * w * (y[i] * eta[i] - softplus);
            } else {
                d += -2 * (y[i] * eta[i] - Math.exp(eta[i]));
            }
        }
        return d;
    }

    /** TRUE when the columns in use separate the signed rows, FALSE when not, null when the solver gave up. */
    private static Boolean separated(List<double[]> signed, boolean[] use) {
        int m = signed.size();
        int p = use.length;
        List<LinearConstraint> constraints = new ArrayList<>();
        int used = 0;
        for (int j = 0; j < p; j++) {
            if (!use[j]) continue;
            double scale = 0;
            for (double[] r : signed) scale = Math.max(scale, Math.abs(r[j]));
            if (scale == 0) continue;
            used++;
            // weights w = 1 + v, v >= 0:  sum v s x_j = -sum s x_j  (columns scaled to at most 1 in size)
            double[] coef = new double[m];
            double rhs = 0;
            for (int r = 0; r < m; r++) {
                coef[r] = signed.get(r)[j] / scale;
                rhs -= coef[r];
            }
            constraints.add(new LinearConstraint(coef, Relationship.EQ, rhs));
        }
        if (used == 0) return Boolean.FALSE;
        double[] ones = new double[m];
        java.util.Arrays.fill(ones, 1);
        try {
            new SimplexSolver(1e-9, 10, 1e-12).optimize(new MaxIter(50 * (m + used) + 1000),
                    new LinearObjectiveFunction(ones, 0), new LinearConstraintSet(constraints), GoalType.MINIMIZE,
                    new NonNegativeConstraint(true), PivotSelectionRule.BLAND);
            return Boolean.FALSE;
        } catch (NoFeasibleSolutionException e) {
            return Boolean.TRUE;
        } catch (TooManyIterationsException e) {
            return null;
        } catch (MathIllegalStateException e) {
            return null;
        }
    }
}
