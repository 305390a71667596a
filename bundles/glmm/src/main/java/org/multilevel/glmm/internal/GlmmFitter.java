package org.multilevel.glmm.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.multilevel.api.fit.EstimationException;

/**
 * Optimizes the Laplace (or quadrature) deviance as glmer does: stage 1 over θ with β and u from joint PIRLS
 * (nAGQ = 0), stage 2 over θ and β together with the modes from PIRLS given (θ, β). Stage 2 works on β in
 * units of its stage-1 standard errors (β = β₁ + Cγ, C C' = stage-1 covariance) so that the problem is well
 * scaled: Newton steps on the central-difference Hessian from the stage-1 estimates, or BOBYQA when those fail.
 * At the optimum that Hessian gives the covariance of β (lme4's default, use.hessian = TRUE).
 */
final class GlmmFitter {
    private static final double PENALTY = 1e15;
    private static final double THETA_MAX = 50;
    private static final double HESSIAN_STEP = 1e-3;

    /** What the optimization found. */
    record Outcome(double[] theta, double[] beta, double deviance, double[][] betaCovariance, boolean hessianUsed,
                   int evaluations, String optimizerName, List<String> warnings, boolean converged) {
    }

    private final PenalizedSystem system;
    private final AdaptiveQuadrature quadrature;
    private final int maxEvaluations;
    private int evaluations;
    private final List<String> warnings = new ArrayList<>();

    GlmmFitter(PenalizedSystem system, AdaptiveQuadrature quadrature, int maxEvaluations) {
        this.system = system;
        this.quadrature = quadrature;
        this.maxEvaluations = Math.max(maxEvaluations, 100);
    }

    Outcome fit() {
        int nt = system.thetaCount;
        int p = system.p;
        double[] lower = system.thetaLower();

        // stage 1: θ only, β and u by joint PIRLS
        double[] beta1 = startingBeta();
        double[] theta1 = system.thetaInitial();
        final double[] betaWork = beta1.clone();
        java.util.function.ToDoubleFunction<double[]> stage1 = th -> {
            evaluations++;
            try {
                system.setTheta(th);
                return system.pirls(betaWork, true);
            } catch (PenalizedSystem.PirlsFailure e) {
                return PENALTY;
            }
        };
        if (nt == 1) {
            UnivariatePointValuePair best = new BrentOptimizer(1e-7, 1e-9).optimize(new MaxEval(maxEvaluations),
                    GoalType.MINIMIZE, new SearchInterval(0, THETA_MAX, 1),
                    new UnivariateObjectiveFunction(v -> stage1.applyAsDouble(new double[] {v})));
            theta1 = new double[] {best.getPoint()};
        } else {
            theta1 = bobyqa(stage1, theta1, lower, boundedAbove(nt), 0.2, 1e-6);
        }
        system.setTheta(theta1);
        double stage1Dev;
        try {
            stage1Dev = system.pirls(betaWork, true);
        } catch (PenalizedSystem.PirlsFailure e) {
            throw pirlsFailed(e);
        }
        if (!Double.isFinite(stage1Dev)) throw overflow();
        beta1 = betaWork.clone();
        system.setStartingPredictor(system.etaAll(beta1));
        double[] info = system.fixedInformation();
        double[][] scale = scaling(info, p);

        // stage 2: θ and β together
        int d = nt + p;
        final double[] b1 = beta1;
        // every stage-2 evaluation inside the bounds is remembered: the answer is never worse than a point seen
        final double[] bestValue = {Double.POSITIVE_INFINITY};
        final double[][] bestPoint = {null};
        java.util.function.ToDoubleFunction<double[]> stage2 = phi -> {
            evaluations++;
            double v;
            try {
                v = deviance(phi, b1, scale);
            } catch (PenalizedSystem.PirlsFailure e) {
                return PENALTY;
            }
            if (v < bestValue[0] && withinBounds(phi, lower)) {
                bestValue[0] = v;
                bestPoint[0] = phi.clone();
            }
            return v;
        };
        double[] phi = new double[d];
        System.arraycopy(theta1, 0, phi, 0, nt);
        double[] lo = new double[d], hi = new double[d];
        System.arraycopy(lower, 0, lo, 0, nt);
        System.arraycopy(boundedAbove(nt), 0, hi, 0, nt);
        for (int a = 0; a < nt; a++) if (lo[a] == Double.NEGATIVE_INFINITY) lo[a] = -THETA_MAX;
        for (int a = nt; a < d; a++) {
            lo[a] = -1e4;
            hi[a] = 1e4;
        }
        String name;
        if (d == 1) {
            UnivariatePointValuePair best = new BrentOptimizer(1e-8, 1e-10).optimize(new MaxEval(maxEvaluations),
                    GoalType.MINIMIZE, new SearchInterval(0, THETA_MAX, Math.max(phi[0], 1e-3)),
                    new UnivariateObjectiveFunction(v -> stage2.applyAsDouble(new double[] {v})));
            phi[0] = best.getPoint();
            name = "Brent";
        } else {
            double[] newton = d <= 12 ? newtonFromStart(stage2, phi, lower) : null;
            if (newton != null) {
                phi = newton;
                name = "Newton (finite-difference Hessian)";
            } else {
                phi = bobyqa(stage2, phi, lo, hi, 0.1, 1e-4);
                name = "BOBYQA";
            }
        }
        double f0 = stage2.applyAsDouble(phi);
        if (f0 >= PENALTY) throw pirlsFailed(new PenalizedSystem.PirlsFailure("PIRLS failed at the optimum"));

        // Hessian, Newton polish, covariance
        // BOBYQA stops at a coarse radius; Newton steps on the finite-difference Hessian finish the job (the
        // deviance is close to quadratic there) and the Hessian is needed for the covariance of β anyway
        double[][] h = hessian(stage2, phi, f0);
        double[] step = newtonStep(h, gradient);
        boolean converged = true;
        for (int iter = 0; iter < 3 && step != null; iter++) {
            double[] trial = phi.clone();
            for (int a = 0; a < d; a++) trial[a] -= step[a];
            for (int a = 0; a < nt; a++) trial[a] = Math.max(trial[a], lower[a]);
            double ft = stage2.applyAsDouble(trial);
            if (!(ft < f0)) break;
            double size = 0;
            for (double v : step) size = Math.max(size, Math.abs(v));
            phi = trial;
            f0 = ft;
            if (size <= 1e-3) {
                step = null;
                break;
            }
            h = hessian(stage2, phi, f0);
            step = newtonStep(h, gradient);
        }
        // at or near a boundary optimum (a variance or a correlation's Cholesky diagonal heading to 0) Newton steps
        // clipped at the bound stall, and a large failed step leaves the optimum unconfirmed: try the boundary itself,
        // then a fine BOBYQA and Nelder-Mead from the best point seen (lme4 also ends with Nelder-Mead)
        double lastStep = 0;
        if (step != null) for (double v : step) lastStep = Math.max(lastStep, Math.abs(v));
        if (d > 1 && (lastStep > 1e-3 || nearBound(phi, lower))) {
            double[] edge = phi.clone();
            for (int a = 0; a < nt; a++) if (lower[a] == 0 && edge[a] < NEAR_BOUND) edge[a] = 0;
            stage2.applyAsDouble(edge);
            try {
                bobyqa(stage2, bestPoint[0], lo, hi, 0.05, 1e-7);
            } catch (EstimationException e) {
                // evaluation limit: keep the best point seen so far
            }
            nelderMead(stage2, bestPoint[0], lower);
        }
        if (bestPoint[0] != null && bestValue[0] < f0) {
            phi = bestPoint[0].clone();
            f0 = stage2.applyAsDouble(phi);
            h = hessian(stage2, phi, f0);
            step = newtonStep(h, gradient);
            name = name + " + BOBYQA/Nelder-Mead";
        }
        double relGrad = 0;
        if (step != null) {
            for (int a = 0; a < d; a++) {
                boolean atBound = a < nt && phi[a] <= lower[a] + 1e-8 && gradient[a] > 0;
                if (!atBound) relGrad = Math.max(relGrad, Math.abs(step[a]));
            }
        }
        if (relGrad > 1e-3) {
            converged = false;
            warnings.add(String.format(java.util.Locale.ROOT,
                    "The optimizer stopped with a scaled gradient of %.3g (above 0.001): the fit may not have converged; try rescaling covariates (scale()) or simplifying the random effects.",
                    relGrad));
        }

        double[] theta = Arrays.copyOf(phi, nt);
        double[] beta = betaOf(phi, b1, scale);
        double[][] cov = null;
        boolean hessianUsed = false;
        double[][] hInv = invert(h);
        if (hInv != null) {
            cov = new double[p][p];
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    double v = 0;
                    for (int a = 0; a < p; a++) for (int b = 0; b < p; b++) v += scale[i][a] * hInv[nt + a][nt + b] * scale[j][b];
                    cov[i][j] = 2 * v;
                }
            }
            hessianUsed = true;
            for (int i = 0; i < p; i++) if (!(cov[i][i] > 0)) hessianUsed = false;
        }
        // leave the system at the optimum (modes, factorization) and get R_X'R_X there
        system.setTheta(theta);
        double[] bj = beta.clone();
        double[] rxInfo = null;
        try {
            system.pirls(bj, true);
            rxInfo = system.fixedInformation();
        } catch (PenalizedSystem.PirlsFailure e) {
            rxInfo = null;
        }
        try {
            system.pirls(beta, false);
        } catch (PenalizedSystem.PirlsFailure e) {
            throw pirlsFailed(e);
        }
        if (!hessianUsed) {
            if (rxInfo == null) throw new EstimationException("The fixed effects are not identifiable at the estimates (collinear columns or separation); simplify the fixed part of the model.");
            double[][] inv = invert(toMatrix(rxInfo, p));
            if (inv == null) throw new EstimationException("The fixed effects are not identifiable at the estimates (collinear columns or separation); simplify the fixed part of the model.");
            cov = inv;
            if (p > 0) warnings.add("The Hessian of the deviance is not positive definite at the estimates; standard errors come from the conditional information matrix (R_X) instead, as lme4 does in that case.");
        }
        return new Outcome(theta, beta, f0, cov, hessianUsed, evaluations, name, List.copyOf(warnings), converged);
    }

    /**
     * Stage 2 by Newton steps on the finite-difference Hessian from the stage-1 estimates, which are usually
     * close: null (use BOBYQA) when a step fails to decrease the deviance, the Hessian is not positive definite,
     * or a variance reaches its bound.
     */
    private double[] newtonFromStart(java.util.function.ToDoubleFunction<double[]> f, double[] start, double[] lower) {
        int nt = system.thetaCount;
        double[] x = start.clone();
        for (int a = 0; a < nt; a++) if (lower[a] == 0 && x[a] < 1e-3) return null;
        double fx = f.applyAsDouble(x);
        if (fx >= PENALTY) return null;
        for (int it = 0; it < 8; it++) {
            double[][] h = hessian(f, x, fx);
            double[] step = newtonStep(h, gradient);
            if (step == null) return null;
            double size = 0;
            for (double v : step) size = Math.max(size, Math.abs(v));
            if (size > 10) return null;
            double[] trial = x.clone();
            for (int a = 0; a < x.length; a++) trial[a] -= step[a];
            for (int a = 0; a < nt; a++) if (lower[a] == 0 && trial[a] < 1e-3) return null;
            double ft = f.applyAsDouble(trial);
            if (!(ft <= fx + 1e-9)) {
                for (int a = 0; a < x.length; a++) trial[a] = x[a] - step[a] / 2;
                for (int a = 0; a < nt; a++) if (lower[a] == 0 && trial[a] < 1e-3) return null;
                ft = f.applyAsDouble(trial);
                if (!(ft <= fx + 1e-9)) return null;
                size /= 2;
            }
            x = trial;
            fx = ft;
            if (size < 1e-5) return x;
        }
        return null;
    }

    /** Deviance kernel at φ = (θ, γ): Laplace, or quadrature when configured. */
    private double deviance(double[] phi, double[] b1, double[][] scale) {
        int nt = system.thetaCount;
        system.setTheta(Arrays.copyOf(phi, nt));
        double[] beta = betaOf(phi, b1, scale);
        if (quadrature != null) {
            system.pirls(beta, false);
            return quadrature.deviance(beta);
        }
        return system.pirlsLme4(beta);
    }

    private static final double NEAR_BOUND = 1e-2;

    /**
     * Nelder-Mead from the best point (as lme4's default second optimizer): it follows a curved ridge into a
     * boundary optimum where BOBYQA's quadratic models stall. Components bounded below by 0 enter as |θ| (the
     * deviance depends on them only through ΛΛ', which a sign change of a Cholesky diagonal leaves unchanged).
     */
    private void nelderMead(java.util.function.ToDoubleFunction<double[]> f, double[] start, double[] lower) {
        int nt = system.thetaCount;
        java.util.function.ToDoubleFunction<double[]> folded = x -> {
            double[] y = x.clone();
            for (int a = 0; a < nt; a++) if (lower[a] == 0) y[a] = Math.abs(y[a]);
            return f.applyAsDouble(y);
        };
        double[] steps = new double[start.length];
        Arrays.fill(steps, 0.02);
        try {
            new org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer(1e-11, 1e-13).optimize(
                    new MaxEval(Math.max(maxEvaluations - evaluations, 200)), GoalType.MINIMIZE, new InitialGuess(start),
                    new ObjectiveFunction(folded::applyAsDouble),
                    new org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex(steps));
        } catch (TooManyEvaluationsException e) {
            // keep the best point seen
        }
    }

    private boolean nearBound(double[] phi, double[] lower) {
        for (int a = 0; a < system.thetaCount; a++) if (lower[a] == 0 && phi[a] < NEAR_BOUND) return true;
        return false;
    }

    private boolean withinBounds(double[] phi, double[] lower) {
        for (int a = 0; a < system.thetaCount; a++) if (phi[a] < lower[a]) return false;
        return true;
    }

    private double[] betaOf(double[] phi, double[] b1, double[][] scale) {
        int nt = system.thetaCount, p = system.p;
        double[] beta = b1.clone();
        for (int i = 0; i < p; i++) for (int a = 0; a < p; a++) beta[i] += scale[i][a] * phi[nt + a];
        return beta;
    }

    private double[] gradient;

    private double[][] hessian(java.util.function.ToDoubleFunction<double[]> f, double[] x, double f0) {
        int d = x.length;
        double[] fp = new double[d], fm = new double[d];
        double hs = HESSIAN_STEP;
        for (int a = 0; a < d; a++) {
            double[] y = x.clone();
            y[a] += hs;
            fp[a] = f.applyAsDouble(y);
            y[a] = x[a] - hs;
            fm[a] = f.applyAsDouble(y);
        }
        gradient = new double[d];
        double[][] h = new double[d][d];
        for (int a = 0; a < d; a++) {
            gradient[a] = (fp[a] - fm[a]) / (2 * hs);
            h[a][a] = (fp[a] - 2 * f0 + fm[a]) / (hs * hs);
        }
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                double[] y = x.clone();
                y[a] += hs;
                y[b] += hs;
                double fpp = f.applyAsDouble(y);
                y[a] = x[a] - hs;
                y[b] = x[b] - hs;
                double fmm = f.applyAsDouble(y);
                double v = (fpp - fp[a] - fp[b] + 2 * f0 - fm[a] - fm[b] + fmm) / (2 * hs * hs);
                h[a][b] = v;
                h[b][a] = v;
            }
        }
        return h;
    }

    private static double[] newtonStep(double[][] h, double[] g) {
        double[][] inv = invert(h);
        if (inv == null) return null;
        int d = g.length;
        double[] s = new double[d];
        for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) s[a] += inv[a][b] * g[b];
        return s;
    }

    /** Inverse of a symmetric positive definite matrix, or null when it is not positive definite. */
    static double[][] invert(double[][] m) {
        int d = m.length;
        if (d == 0) return new double[0][0];
        DMatrixRMaj a = new DMatrixRMaj(m);
        var chol = org.ejml.dense.row.factory.DecompositionFactory_DDRM.chol(d, true);
        if (!chol.decompose(a.copy())) return null;
        DMatrixRMaj inv = new DMatrixRMaj(d, d);
        if (!CommonOps_DDRM.invertSPD(a, inv)) return null;
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) out[i][j] = inv.get(i, j);
        return out;
    }

    private static double[][] toMatrix(double[] flat, int p) {
        double[][] m = new double[p][p];
        for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) m[i][j] = flat[i * p + j];
        return m;
    }

    /** C with C C' = inverse of the stage-1 information of β (lower Cholesky factor). */
    private static double[][] scaling(double[] info, int p) {
        double[][] c = new double[p][p];
        if (info == null) {
            for (int i = 0; i < p; i++) c[i][i] = 1;
            return c;
        }
        double[][] inv = invert(toMatrix(info, p));
        if (inv == null) throw new EstimationException("The fixed-effects columns are collinear given the random effects; remove redundant terms.");
        DMatrixRMaj m = new DMatrixRMaj(inv);
        var chol = org.ejml.dense.row.factory.DecompositionFactory_DDRM.chol(p, true);
        if (!chol.decompose(m)) throw new EstimationException("The fixed-effects columns are collinear given the random effects; remove redundant terms.");
        DMatrixRMaj l = chol.getT(null);
        for (int i = 0; i < p; i++) for (int j = 0; j <= i; j++) c[i][j] = l.get(i, j);
        return c;
    }

    private double[] boundedAbove(int nt) {
        double[] hi = new double[nt];
        Arrays.fill(hi, THETA_MAX);
        return hi;
    }

    private double[] bobyqa(java.util.function.ToDoubleFunction<double[]> f, double[] start, double[] lo, double[] hi,
                            double rhoBeg, double rhoEnd) {
        double[] lower = lo.clone();
        for (int a = 0; a < lower.length; a++) if (lower[a] == Double.NEGATIVE_INFINITY) lower[a] = -THETA_MAX;
        double[] x0 = start.clone();
        for (int a = 0; a < x0.length; a++) x0[a] = Math.min(Math.max(x0[a], lower[a]), hi[a]);
        BOBYQAOptimizer opt = new BOBYQAOptimizer(2 * x0.length + 1, rhoBeg, rhoEnd);
        try {
            PointValuePair best = opt.optimize(new MaxEval(maxEvaluations), GoalType.MINIMIZE, new InitialGuess(x0),
                    new SimpleBounds(lower, hi), new ObjectiveFunction(f::applyAsDouble));
            return best.getPoint();
        } catch (TooManyEvaluationsException e) {
            throw new EstimationException("The optimizer reached its limit of " + maxEvaluations
                    + " deviance evaluations without converging; simplify the random effects or rescale covariates.");
        }
    }

    /** A GLM start for β: one weighted least-squares step from the family's starting means. */
    private double[] startingBeta() {
        ModelData d = system.data;
        int p = d.p;
        double[] xtwx = new double[p * p];
        double[] xtwz = new double[p];
        for (int i = 0; i < d.n; i++) {
            double mu0 = d.family.binomial() ? (d.w[i] * d.y[i] + 0.5) / (d.w[i] + 1) : d.y[i] + 0.1;
            double eta0 = linkOf(d.family, mu0);
            double me = d.family.muEta(eta0);
            double wt = d.w[i] * me * me / d.family.variance(mu0);
            double zi = eta0 - d.offset[i];
            for (int a = 0; a < p; a++) {
                double xa = d.x[i * p + a] * wt;
                xtwz[a] += xa * zi;
                for (int b = 0; b < p; b++) xtwx[a * p + b] += xa * d.x[i * p + b];
            }
        }
        if (p == 0) return new double[0];
        if (!Chol.factor(xtwx, 0, p)) {
            throw new EstimationException("The fixed-effects columns are collinear; remove redundant terms.");
        }
        Chol.forward(xtwx, 0, p, xtwz, 0);
        Chol.backward(xtwx, 0, p, xtwz, 0);
        return xtwz;
    }

    private static double linkOf(GlmFamily fam, double mu) {
        switch (fam.link()) {
            case LOGIT:
                return Math.log(mu / (1 - mu));
            case PROBIT:
                return new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1).inverseCumulativeProbability(mu);
            case CLOGLOG:
                return Math.log(-Math.log1p(-mu));
            case LOG:
                return Math.log(mu);
            default:
                throw new IllegalStateException();
        }
    }

    static EstimationException pirlsFailed(PenalizedSystem.PirlsFailure e) {
        return new EstimationException("PIRLS did not converge to the conditional modes (" + e.getMessage()
                + "); try rescaling covariates (scale()), simplifying the random effects, or check for separation.");
    }

    static EstimationException overflow() {
        return new EstimationException("Numerical overflow in the linear predictor (fitted means too large to represent); rescale covariates (scale()) or check the offset.");
    }
}
