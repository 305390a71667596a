package org.multilevel.lmm.internal;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.NormalDistribution;
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
import org.multilevel.api.fit.EstimationException;

/**
 * Profile-likelihood intervals as lme4's {@code confint(fit, method = "profile")} computes them. As lme4
 * does, the profile is of the ML deviance, also for a REML fit (which is refitted by ML first). For each
 * parameter, zeta(x) = sign(x - estimate) sqrt(deviance profiled at x - minimum deviance), and the interval
 * ends are the crossings of zeta = -+ qnorm(0.975), found with Brent's root finder after bracketing (lme4
 * interpolates a spline through profile points instead; the crossings are the same).
 * <ul>
 * <li>SDs, correlations and sigma: the ML deviance in (SDs, correlations, sigma) with beta profiled out is
 * minimized over all the others with that one held fixed. An SD whose profile stays below the cutoff down to
 * 0 gets the lower end 0, a correlation that stays below it up to -+1 gets -+1 (lme4 reports the bound).</li>
 * <li>A fixed effect beta_j held at b: lme4 moves X_j b into the offset and refits over theta. The penalized
 * residual sum of squares with beta_j fixed is r2(theta) + (b - betahat_j(theta))^2 / [(R_X'R_X)^-1]_jj, so
 * the same factorizations serve and theta is re-optimized for each b.</li>
 * </ul>
 */
public final class ProfileIntervals {
    /** One interval; estimate is the fit's own estimate (REML or ML). */
    public record Interval(String parameter, String lme4Name, double estimate, double lower, double upper) {
    }

    private static final int INNER_MAX_EVAL = 20_000;
    private static final double UPPER_SCALE = 100;   // scaled SDs/sigma stay below 100 times the estimate

    private final ProfiledDeviance ml;
    private final SdCorScale scale;
    private final double[] thetaMl;
    private final double[] vHat;        // ML estimates on the profiling scale
    private final double[] betaMl;
    private final double[] seMl;
    private final double base;          // minimum ML deviance
    private final double cutoff;

    private ProfileIntervals(LinearMixedFit fit, double level) {
        this.ml = fit.deviance().ml();
        this.scale = new SdCorScale(ml.structure());
        double[] lower = ml.structure().lowerBounds();
        double[] theta = fit.theta();
        if (fit.deviance().reml()) {
            ThetaOptimizer.Outcome o = ThetaOptimizer.minimize(ml::criterion, theta, lower, 100_000);
            theta = o.theta();
        }
        Factorization f = ml.factor(theta);
        if (f == null) throw new EstimationException("the ML refit for the profile could not be factored");
        this.thetaMl = theta;
        this.base = ml.criterion(f);
        double sigma = Math.sqrt(ml.sigma2(f));
        this.vHat = scale.fromTheta(theta, sigma);
        this.betaMl = f.beta();
        double[] v = f.rxInverse();
        int p = betaMl.length;
        this.seMl = new double[p];
        for (int j = 0; j < p; j++) seMl[j] = sigma * Math.sqrt(v[j * p + j]);
        this.cutoff = new NormalDistribution().inverseCumulativeProbability(0.5 + level / 2);
    }

    /** Intervals for the SDs and correlations (lme4's order), sigma, then every fixed effect. */
    public static List<Interval> compute(LinearMixedFit fit, double level) {
        if (!(level > 0 && level < 1)) throw new EstimationException("the confidence level must lie between 0 and 1");
        return new ProfileIntervals(fit, level).all(fit);
    }

    private List<Interval> all(LinearMixedFit fit) {
        double[] vFit = scale.fromTheta(fit.theta(), fit.sigma());
        List<SdCorScale.Parameter> params = scale.parameters();
        double[] beta = fit.beta();
        List<String> names = fit.design().fixed().columnNames();
        int k = params.size();
        // every parameter's profile is independent of the others (the factorizations are thread-safe)
        return java.util.stream.IntStream.range(0, k + beta.length).parallel().mapToObj(i -> {
            if (i < k) {
                SdCorScale.Parameter par = params.get(i);
                double[] ends = varianceEnds(i, par.kind());
                return new Interval(par.name(), par.lme4Name(), vFit[i], ends[0], ends[1]);
            }
            int j = i - k;
            double[] ends = fixedEnds(j);
            return new Interval(names.get(j), names.get(j), beta[j], ends[0], ends[1]);
        }).toList();
    }

    // ---- variance parameters ----

    private double[] varianceEnds(int w, SdCorScale.Kind kind) {
        double est = vHat[w];
        DoubleUnaryOperator zeta = x -> {
            double d = profiledVariance(w, x) - base;
            return Math.signum(x - est) * Math.sqrt(Math.max(d, 0));
        };
        double lower;
        double upper;
        if (kind == SdCorScale.Kind.COR) {
            lower = towardsBound(zeta, est, -1, -cutoff);
            upper = towardsBound(zeta, est, 1, cutoff);
        } else {
            double step = Math.max(est, 0.05 * vHat[vHat.length - 1]);
            upper = outward(zeta, est, step, cutoff);
            if (est <= 0) {
                lower = 0;
            } else if (kind == SdCorScale.Kind.SD && zeta.applyAsDouble(0) > -cutoff) {
                lower = 0;
            } else {
                lower = halving(zeta, est, -cutoff);
            }
        }
        return new double[] {lower, upper};
    }

    /** The ML deviance minimized over all variance parameters but w, which is held at x. */
    private double profiledVariance(int w, double x) {
        int k = vHat.length;
        int m = k - 1;
        double[] scales = new double[k];
        double[] lo = new double[m];
        double[] up = new double[m];
        double[] start = new double[m];
        double sigmaHat = vHat[k - 1];
        List<SdCorScale.Parameter> params = scale.parameters();
        int i = 0;
        for (int a = 0; a < k; a++) {
            SdCorScale.Kind kind = params.get(a).kind();
            scales[a] = kind == SdCorScale.Kind.COR ? 1 : Math.max(vHat[a], 0.05 * sigmaHat);
            if (a == w) continue;
            switch (kind) {
                case COR -> { lo[i] = -1; up[i] = 1; }
                case SD -> { lo[i] = 0; up[i] = UPPER_SCALE; }
                case SIGMA -> { lo[i] = 1e-6; up[i] = UPPER_SCALE; }
            }
            start[i] = Math.min(Math.max(vHat[a] / scales[a], lo[i]), up[i]);
            i++;
        }
        java.util.function.ToDoubleFunction<double[]> f = z -> {
            double[] v = new double[k];
            int b = 0;
            for (int a = 0; a < k; a++) v[a] = a == w ? x : z[b++] * scales[a];
            double[] theta = scale.toTheta(v);
            if (theta == null) return 1e10 + base;
            double d = ml.varparDeviance(theta, v[k - 1]);
            return Double.isFinite(d) ? d : 1e10 + base;
        };
        if (m == 1) return minimize1(f, lo[0], up[0], params.get(w == 0 ? 1 : 0).kind() == SdCorScale.Kind.COR);
        return minimizeBox(f, start, lo, up);
    }

    private static double minimize1(java.util.function.ToDoubleFunction<double[]> f, double lo, double hi, boolean linear) {
        int steps = 60;
        double[] grid = new double[steps + 1];
        double[] val = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            grid[i] = linear ? lo + (hi - lo) * i / steps
                    : (i == 0 ? lo : Math.max(lo, 1e-4 * Math.pow(hi / 1e-4, (i - 1.0) / (steps - 1))));
            val[i] = f.applyAsDouble(new double[] {grid[i]});
        }
        int best = 0;
        for (int i = 1; i <= steps; i++) if (val[i] < val[best]) best = i;
        double a = grid[Math.max(best - 1, 0)];
        double b = grid[Math.min(best + 1, steps)];
        if (b <= a) return val[best];
        UnivariatePointValuePair r = new BrentOptimizer(1e-12, 1e-14).optimize(new MaxEval(10_000),
                new UnivariateObjectiveFunction(t -> f.applyAsDouble(new double[] {t})), GoalType.MINIMIZE,
                new SearchInterval(a, b, grid[best]));
        return Math.min(r.getValue(), val[best]);
    }

    private static double minimizeBox(java.util.function.ToDoubleFunction<double[]> f, double[] start, double[] lo,
                                      double[] up) {
        double best = f.applyAsDouble(start);
        double[] point = start;
        // a second run from the first optimum polishes it (BOBYQA's trust region restarts small)
        for (double rho : new double[] {0.2, 0.02}) {
            try {
                PointValuePair r = new BOBYQAOptimizer(2 * start.length + 1, rho, 1e-9).optimize(
                        new MaxEval(INNER_MAX_EVAL), new ObjectiveFunction(f::applyAsDouble), GoalType.MINIMIZE,
                        new InitialGuess(point), new SimpleBounds(lo, up));
                if (r.getValue() <= best) {
                    best = r.getValue();
                    point = r.getPoint();
                }
            } catch (TooManyEvaluationsException e) {
                throw new EstimationException("the profile of a variance parameter did not converge");
            }
        }
        return best;
    }

    // ---- fixed effects ----

    private double[] fixedEnds(int j) {
        double est = betaMl[j];
        DoubleUnaryOperator zeta = b -> {
            double d = profiledFixed(j, b) - base;
            return Math.signum(b - est) * Math.sqrt(Math.max(d, 0));
        };
        double step = seMl[j] > 0 ? 2 * seMl[j] : Math.max(Math.abs(est), 1);
        return new double[] {-outward(b -> -zeta.applyAsDouble(-b), -est, step, cutoff), outward(zeta, est, step, cutoff)};
    }

    /** The ML deviance with beta_j held at b, minimized over theta (sigma and the other betas profiled out). */
    private double profiledFixed(int j, double b) {
        int n = ml.n();
        int p = betaMl.length;
        java.util.function.ToDoubleFunction<double[]> crit = theta -> {
            Factorization f = ml.factor(theta);
            if (f == null) return Double.POSITIVE_INFINITY;
            double diff = b - f.beta()[j];
            double r2 = f.r2() + diff * diff / f.rxInverse()[j * p + j];
            return f.ldL2() + n * (1 + Math.log(2 * Math.PI * r2 / n));
        };
        return ThetaOptimizer.minimize(crit, thetaMl, ml.structure().lowerBounds(), 100_000).value();
    }

    // ---- root finding ----

    /** Steps up from est by step, 2 step, 4 step, ... until zeta passes target, then Brent. */
    private static double outward(DoubleUnaryOperator zeta, double est, double step, double target) {
        double a = est;
        for (int k = 0; k < 60; k++) {
            double b = est + step * Math.pow(2, k);
            if (zeta.applyAsDouble(b) >= target) return root(zeta, a, b, target);
            a = b;
        }
        throw new EstimationException("the profile of a parameter does not reach the confidence cutoff");
    }

    /** Halves the way from est towards 0 until zeta falls below target, then Brent. */
    private static double halving(DoubleUnaryOperator zeta, double est, double target) {
        double a = est;
        for (int k = 1; k < 60; k++) {
            double b = est * Math.pow(0.5, k);
            if (zeta.applyAsDouble(b) <= target) return root(zeta, b, a, target);
            a = b;
        }
        return 0;
    }

    /** Moves from est towards a bound (-1 or 1) of a correlation; the bound when the cutoff is not reached. */
    private static double towardsBound(DoubleUnaryOperator zeta, double est, double bound, double target) {
        double a = est;
        for (double frac : new double[] {0.25, 0.5, 0.75, 0.9, 0.97, 1.0}) {
            double b = est + (bound - est) * frac;
            double z = zeta.applyAsDouble(b);
            if (bound > 0 ? z >= target : z <= target) return root(zeta, Math.min(a, b), Math.max(a, b), target);
            a = b;
        }
        return bound;
    }

    private static double root(DoubleUnaryOperator zeta, double a, double b, double target) {
        double width = Math.abs(b - a);
        BrentSolver solver = new BrentSolver(1e-10, Math.max(width * 1e-9, 1e-300));
        return solver.solve(200, x -> zeta.applyAsDouble(x) - target, a, b);
    }
}
