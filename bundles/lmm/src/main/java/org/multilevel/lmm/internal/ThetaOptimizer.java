package org.multilevel.lmm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;

/**
 * Minimizes the profiled criterion over theta: BOBYQA with lower bounds (0 on the diagonal of each Lambda
 * factor) for several parameters, a bracketed Brent search for one. Ends with a finite-difference
 * convergence check and, on a boundary, a restart from the optimum.
 */
public final class ThetaOptimizer {
    /** Beyond this a relative covariance factor is numerically meaningless (used as a finite box). */
    private static final double BOX = 1e4;
    static final double SINGULAR_TOLERANCE = 1e-4;

    public record Outcome(double[] theta, double value, int evaluations, String name, boolean converged,
                          List<String> warnings) {
    }

    private ThetaOptimizer() {
    }

    public static Outcome minimize(ToDoubleFunction<double[]> f, double[] start, double[] lower, int maxEval) {
        int[] count = {0};
        Best best = new Best();
        ToDoubleFunction<double[]> counted = x -> {
            count[0]++;
            double v = f.applyAsDouble(x);
            if (Double.isNaN(v)) v = Double.POSITIVE_INFINITY;
            best.offer(x, v);
            return v;
        };
        List<String> warnings = new ArrayList<>();
        String name;
        boolean hitLimit = false;
        if (start.length == 1) {
            name = "Brent";
            brent(counted, lower[0]);
        } else {
            name = "BOBYQA";
            double[] upper = new double[start.length];
            double[] lo = new double[start.length];
            for (int i = 0; i < start.length; i++) {
                upper[i] = BOX;
                lo[i] = Double.isInfinite(lower[i]) ? -BOX : lower[i];
            }
            Run first = run(counted, start, lo, upper, 0.2, maxEval);
            hitLimit = first == Run.LIMIT;
            if (hitLimit) {
                warnings.add("The optimizer stopped after " + maxEval
                        + " evaluations without converging; the estimates are not reliable.");
                return new Outcome(best.point(), best.value(), count[0], name, false, warnings);
            }
            // a boundary optimum is accepted only when no step into the interior improves on it: lme4 restarts
            // from the optimum; we also restart from interior points along each bound, and keep the best
            for (int round = 0; round < 3 && onBoundary(best.point(), lower) && !hitLimit; round++) {
                double before = best.value();
                hitLimit = run(counted, best.point(), lo, upper, 0.05, maxEval) == Run.LIMIT;
                for (double[] x : interiorStarts(best.point(), lower)) {
                    if (hitLimit) break;
                    if (counted.applyAsDouble(x) < best.value() + 1e-6 * Math.max(1, Math.abs(best.value()))) {
                        hitLimit = run(counted, x, lo, upper, 0.2, maxEval) == Run.LIMIT;
                    }
                }
                if (!(best.value() < before - 1e-10 * Math.max(1, Math.abs(before)))) break;
            }
        }
        double[] theta = best.point();
        for (int i = 0; i < theta.length; i++) {
            if (lower[i] == 0.0 && theta[i] < 0) theta[i] = 0.0;
        }
        double value = counted.applyAsDouble(theta);
        boolean converged = !hitLimit && check(counted, theta, lower, warnings);
        if (converged && !boundaryIsOptimum(counted, theta, value, lower)) {
            warnings.add("The optimizer stopped on the boundary (a variance at 0) although the criterion still "
                    + "decreases into the interior; the estimates are not reliable.");
            converged = false;
        }
        return new Outcome(theta, value, count[0], name, converged, warnings);
    }

    /** The lowest point the criterion was evaluated at (whatever the optimizer reports or throws). */
    private static final class Best {
        private double[] point;
        private double value = Double.POSITIVE_INFINITY;

        void offer(double[] x, double v) {
            if (point == null || v < value) {
                point = x.clone();
                value = v;
            }
        }

        double[] point() {
            return point.clone();
        }

        double value() {
            return value;
        }
    }

    private enum Run { DONE, LIMIT }

    /** One BOBYQA run; its result is whatever {@link Best} has seen, also when BOBYQA gives up. */
    private static Run run(ToDoubleFunction<double[]> f, double[] start, double[] lo, double[] up, double rhoBeg,
                           int maxEval) {
        double[] x = start.clone();
        for (int i = 0; i < x.length; i++) x[i] = Math.min(Math.max(x[i], lo[i]), up[i]);
        try {
            bobyqa(f, x, lo, up, rhoBeg, maxEval);
            return Run.DONE;
        } catch (TooManyEvaluationsException e) {
            return Run.LIMIT;
        } catch (org.apache.commons.math3.exception.MathIllegalStateException e) {
            // "trust region step has failed to reduce Q": the model is no better than the points seen, which
            // the restarts and the final check judge
            return Run.DONE;
        }
    }

    /** For each diagonal entry at its bound 0, the optimum with that entry moved into the interior. */
    private static List<double[]> interiorStarts(double[] theta, double[] lower) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < theta.length; i++) {
            if (!(lower[i] == 0.0 && theta[i] < SINGULAR_TOLERANCE)) continue;
            for (double step : new double[] {0.05, 0.5}) {
                double[] x = theta.clone();
                x[i] = step;
                out.add(x);
            }
        }
        return out;
    }

    /**
     * A one-sided finite-difference check at each diagonal entry on its bound: the criterion must not
     * decrease when the entry moves into the interior (else the bound is no optimum).
     */
    static boolean boundaryIsOptimum(ToDoubleFunction<double[]> f, double[] theta, double value, double[] lower) {
        double tol = 1e-7 * Math.max(1, Math.abs(value));
        for (int i = 0; i < theta.length; i++) {
            if (!(lower[i] == 0.0 && theta[i] < SINGULAR_TOLERANCE)) continue;
            for (double h : new double[] {1e-4, 1e-3, 1e-2}) {
                double[] x = theta.clone();
                x[i] = theta[i] + h;
                if (f.applyAsDouble(x) < value - tol) return false;
            }
        }
        return true;
    }

    private static PointValuePair bobyqa(ToDoubleFunction<double[]> f, double[] start, double[] lo, double[] up,
                                         double rhoBeg, int maxEval) {
        int k = start.length;
        BOBYQAOptimizer opt = new BOBYQAOptimizer(2 * k + 1, rhoBeg, 1e-9);
        return opt.optimize(new MaxEval(maxEval), new ObjectiveFunction(f::applyAsDouble), GoalType.MINIMIZE,
                new InitialGuess(start), new SimpleBounds(lo, up));
    }

    /** Scan a log grid for a bracket, then Brent inside it; the bound 0 is checked explicitly. */
    private static double[] brent(ToDoubleFunction<double[]> f, double lower) {
        int steps = 41;
        double[] grid = new double[steps + 1];
        double[] val = new double[steps + 1];
        grid[0] = Math.max(lower, 0.0);
        val[0] = f.applyAsDouble(new double[] {grid[0]});
        for (int i = 1; i <= steps; i++) {
            grid[i] = Math.pow(10, -4 + 8.0 * (i - 1) / (steps - 1));
            val[i] = f.applyAsDouble(new double[] {grid[i]});
        }
        int best = 0;
        for (int i = 1; i <= steps; i++) if (val[i] < val[best]) best = i;
        double lo = grid[Math.max(best - 1, 0)];
        double hi = grid[Math.min(best + 1, steps)];
        if (hi <= lo) return new double[] {grid[best], val[best]};
        BrentOptimizer opt = new BrentOptimizer(1e-12, 1e-14);
        UnivariatePointValuePair r = opt.optimize(new MaxEval(10_000),
                new UnivariateObjectiveFunction(t -> f.applyAsDouble(new double[] {t})), GoalType.MINIMIZE,
                new SearchInterval(lo, hi, grid[best]));
        if (r.getValue() <= val[best]) return new double[] {r.getPoint(), r.getValue()};
        return new double[] {grid[best], val[best]};
    }

    static boolean onBoundary(double[] theta, double[] lower) {
        for (int i = 0; i < theta.length; i++) {
            if (lower[i] == 0.0 && theta[i] < SINGULAR_TOLERANCE) return true;
        }
        return false;
    }

    /**
     * lme4's check: the gradient scaled by the Hessian (a Newton step) on the free parameters must be
     * small, and the Hessian positive definite.
     */
    private static boolean check(ToDoubleFunction<double[]> f, double[] theta, double[] lower, List<String> warnings) {
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < theta.length; i++) {
            if (!(lower[i] == 0.0 && theta[i] < SINGULAR_TOLERANCE)) free.add(i);
        }
        int k = free.size();
        if (k == 0) return true;
        double[] grad = new double[k];
        double[] hess = new double[k * k];
        double f0 = f.applyAsDouble(theta);
        double[] h = new double[k];
        for (int a = 0; a < k; a++) h[a] = 1e-3 * Math.max(Math.abs(theta[free.get(a)]), 0.1);
        for (int a = 0; a < k; a++) {
            double fp = at(f, theta, free.get(a), h[a], -1, 0);
            double fm = at(f, theta, free.get(a), -h[a], -1, 0);
            grad[a] = (fp - fm) / (2 * h[a]);
            hess[a * k + a] = (fp - 2 * f0 + fm) / (h[a] * h[a]);
            for (int b = 0; b < a; b++) {
                double pp = at(f, theta, free.get(a), h[a], free.get(b), h[b]);
                double pm = at(f, theta, free.get(a), h[a], free.get(b), -h[b]);
                double mp = at(f, theta, free.get(a), -h[a], free.get(b), h[b]);
                double mm = at(f, theta, free.get(a), -h[a], free.get(b), -h[b]);
                double v = (pp - pm - mp + mm) / (4 * h[a] * h[b]);
                hess[a * k + b] = v;
                hess[b * k + a] = v;
            }
        }
        double[] chol = hess.clone();
        if (!Small.cholesky(chol, 0, k)) {
            warnings.add("The model is nearly unidentifiable: the curvature of the criterion at the optimum is "
                    + "not positive definite; consider rescaling predictors or simplifying the random part.");
            return false;
        }
        double[] step = grad.clone();
        for (int i = 0; i < k; i++) {
            double s = step[i];
            for (int j = 0; j < i; j++) s -= chol[i * k + j] * step[j];
            step[i] = s / chol[i * k + i];
        }
        for (int i = k - 1; i >= 0; i--) {
            double s = step[i];
            for (int j = i + 1; j < k; j++) s -= chol[j * k + i] * step[j];
            step[i] = s / chol[i * k + i];
        }
        double max = 0;
        for (double s : step) max = Math.max(max, Math.abs(s));
        if (max > 2e-3) {
            warnings.add(String.format(java.util.Locale.ROOT,
                    "The model failed to converge: the scaled gradient at the optimum is %.3g (tolerance 0.002); "
                            + "consider rescaling predictors or simplifying the random part.", max));
            return false;
        }
        return true;
    }

    private static double at(ToDoubleFunction<double[]> f, double[] theta, int i, double hi, int j, double hj) {
        double[] x = theta.clone();
        x[i] += hi;
        if (j >= 0) x[j] += hj;
        return f.applyAsDouble(x);
    }
}
