package org.multilevel.lmm.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.multilevel.api.fit.ContrastTest;
import org.multilevel.api.fit.EstimationException;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FixedEffect;
import org.multilevel.api.fit.LevelModes;
import org.multilevel.api.fit.Method;
import org.multilevel.api.fit.OptimizerReport;
import org.multilevel.api.fit.RandomEffectModes;
import org.multilevel.api.fit.VarianceComponent;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.task.FitGuard;

/** Fits a linear mixed model with a given Cholesky strategy. */
public final class LmmFitter {
    /** Which blocked Cholesky to use. */
    public enum Strategy { NESTED, GENERAL }

    private LmmFitter() {
    }

    public static LinearMixedFit fit(DesignMatrices design, FitOptions options, Strategy strategy, String name,
                                     RandomStructure structure) {
        return fit(design, options, strategy, name, structure, FitGuard.none());
    }

    /** The fit with the guard checked before each deviance evaluation (cancellation, estimator stopped). */
    public static LinearMixedFit fit(DesignMatrices design, FitOptions options, Strategy strategy, String name,
                                     RandomStructure structure, FitGuard guard) {
        checkInput(design);
        boolean reml = options.method() == Method.REML;
        // the optimizer and every factorization work on centred and scaled columns (the optimum must not
        // depend on a predictor's location or unit); results are mapped back to the original columns
        Standardization st = Standardization.of(design);
        RandomStructure innerStructure = RandomStructure.of(st.inner());
        Crossproducts cp = new Crossproducts(st.inner(), innerStructure);
        // a missing or infinite value anywhere in X or Z propagates into the sums
        if (!cp.allFinite()) {
            throw new EstimationException("the fixed- or random-effects design contains a value that is not finite "
                    + "(missing or infinite)");
        }
        CholeskyEngine engine = strategy == Strategy.NESTED ? new NestedCholesky(cp) : GeneralEngine.choose(cp);
        int n = design.rows();
        int p = design.fixed().columns();
        ProfiledDeviance dev = new ProfiledDeviance(structure, engine, reml, n, p, st, innerStructure);
        ProfiledDeviance innerDev = dev.internal();
        double[] lower = structure.lowerBounds();
        if (engine.factor(innerStructure.lambdas(innerStructure.initialTheta())) == null) {
            throw new EstimationException("the fixed-effects design is rank deficient: some columns of X are linear "
                    + "combinations of others (" + String.join(", ", design.fixed().columnNames()) + ")");
        }
        ThetaOptimizer.Outcome opt = ThetaOptimizer.minimize(guard.around(innerDev::criterion), innerStructure.initialTheta(),
                lower, options.maxEvaluations());
        double[] thetaInner = opt.theta();
        double[] theta = st.thetaToOriginal(structure, thetaInner);
        Factorization fInner = innerDev.factor(thetaInner);
        if (fInner == null) throw new EstimationException("the model could not be factored at the optimum");
        Factorization f = dev.original(fInner);
        double crit = dev.criterion(f);
        if (!Double.isFinite(crit)) {
            throw new EstimationException("the likelihood is not finite at the optimum: the model fits the response "
                    + "exactly (no residual variance)");
        }
        double sigma2 = dev.sigma2(f);
        double sigma = Math.sqrt(sigma2);
        double[] beta = f.beta();
        double[] vcov = f.rxInverse();
        for (int i = 0; i < vcov.length; i++) vcov[i] *= sigma2;
        double[] vcovInner = fInner.rxInverse();
        for (int i = 0; i < vcovInner.length; i++) vcovInner[i] *= sigma2;
        LinearMixedFit.Internal internal = new LinearMixedFit.Internal(innerDev, thetaInner, fInner.beta(),
                vcovInner, st.fixed(), guard);
        double[][] u = fInner.u();
        double[][] condCovU = fInner.condCov();
        double[][] lambdaInner = innerStructure.lambdas(thetaInner);
        List<RandomStructure.Factor> factors = structure.factors();
        // per factor: b~ = Lambda~ u and its conditional covariance Lambda~ S Lambda~^T (S the block of u),
        // mapped to the original columns by the factor's block-diagonal A: b = A b~, A C A^T
        double[][] b = new double[factors.size()][];
        double[][] condCov = new double[factors.size()][];
        for (int k = 0; k < factors.size(); k++) {
            int q = factors.get(k).q();
            int m = factors.get(k).levelCount();
            double[] a = factorTransform(factors.get(k), st, q);
            double[] lam = lambdaInner[k];
            b[k] = new double[m * q];
            condCov[k] = new double[m * q * q];
            double[] s = new double[q * q];
            for (int j = 0; j < m; j++) {
                double[] bt = new double[q];
                for (int r = 0; r < q; r++) {
                    double v = 0;
                    for (int c = 0; c <= r; c++) v += lam[r * q + c] * u[k][j * q + c];
                    bt[r] = v;
                }
                System.arraycopy(Standardization.apply(a, bt, q), 0, b[k], j * q, q);
                System.arraycopy(condCovU[k], j * q * q, s, 0, q * q);
                double[] ls = Standardization.congruence(lam, s, q);
                System.arraycopy(Standardization.congruence(a, ls, q), 0, condCov[k], j * q * q, q * q);
            }
        }
        List<String> warnings = new ArrayList<>(opt.warnings());
        boolean singular = ThetaOptimizer.onBoundary(theta, lower);
        if (singular) warnings.add(singularWarning(structure, theta));
        double logLik = -crit / 2;
        int npar = p + theta.length + 1;
        double aic = crit + 2 * npar;
        double bic = crit + Math.log(n) * npar;
        double[] thetaCopy = theta.clone();
        return new LinearMixedFit(design, beta, vcov, theta, sigma, dev, internal,
                () -> conditional(design, beta, structure, b),
                fitted -> {
            List<FixedEffect> fixed = fixedTable(design, fitted.coefficientTests(options.ddf()));
            List<VarianceComponent> random = new ArrayList<>();
            for (RandomStructure.Term t : structure.terms()) {
                double[][] cov = structure.relativeCovariance(t, thetaCopy);
                for (double[] row : cov) for (int c = 0; c < row.length; c++) row[c] *= sigma2;
                random.add(new VarianceComponent(t.label(), t.effects(), cov));
            }
            Map<String, Integer> groups = new LinkedHashMap<>();
            Map<String, RandomEffectModes> ranef = new LinkedHashMap<>();
            for (int k = 0; k < factors.size(); k++) {
                RandomStructure.Factor fa = factors.get(k);
                groups.putIfAbsent(fa.name(), fa.levelCount());
                int q = fa.q();
                List<LevelModes> levels = new ArrayList<>(fa.levelCount());
                for (int j = 0; j < fa.levelCount(); j++) {
                    double[] values = new double[q];
                    double[] sd = new double[q];
                    System.arraycopy(b[k], j * q, values, 0, q);
                    for (int r = 0; r < q; r++) {
                        sd[r] = Math.sqrt(Math.max(sigma2 * condCov[k][j * q * q + r * q + r], 0));
                    }
                    levels.add(new LevelModes(fa.levels().get(j), values, sd));
                }
                ranef.putIfAbsent(fa.name(), new RandomEffectModes(fa.effects(), levels));
            }
            String message = opt.converged() ? "converged" : "did not converge cleanly (see warnings)";
            return new FitResult(design.spec().formula(), "gaussian", "identity", options.method().label(), name,
                    options.ddf().label(), n, groups, opt.converged(), singular, warnings, fixed, random, sigma2,
                    logLik, npar, aic, bic, crit, reml ? crit : null, ranef,
                    new OptimizerReport(opt.name(), opt.evaluations(), thetaCopy, message));
        });
    }

    /** The block-diagonal A (b = A b~) of one factor: its terms' transformations at their column offsets. */
    private static double[] factorTransform(RandomStructure.Factor factor, Standardization st, int q) {
        double[] a = new double[q * q];
        for (RandomStructure.Term t : factor.terms()) {
            int qt = t.q();
            double[] at = st.random().get(t.designIndex());
            for (int r = 0; r < qt; r++)
                for (int c = 0; c < qt; c++) a[(t.offset() + r) * q + t.offset() + c] = at[r * qt + c];
        }
        return a;
    }

    private static void checkInput(DesignMatrices design) {
        double[] y = design.y();
        int n = y.length;
        if (n == 0) throw new EstimationException("no rows are left to fit the model");
        String response = responseName(design);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : y) {
            if (!Double.isFinite(v)) {
                throw new EstimationException("the response '" + response + "' contains a value that is not finite");
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        // relative to the data's own scale: a response measured in tiny units (1e-14) still varies
        if (max - min <= 1e-12 * Math.max(Math.abs(min), Math.abs(max))) {
            throw new EstimationException("the response '" + response + "' has no variance: all " + n
                    + " values are equal");
        }
        if (design.fixed().columns() >= n) {
            throw new EstimationException("the model has " + design.fixed().columns()
                    + " fixed effects but only " + n + " observations");
        }
    }

    static String responseName(DesignMatrices design) {
        String f = design.spec().formula();
        int t = f.indexOf('~');
        return t > 0 ? f.substring(0, t).trim() : "response";
    }

    private static String singularWarning(RandomStructure structure, double[] theta) {
        List<String> zero = new ArrayList<>();
        for (RandomStructure.Term t : structure.terms()) {
            int idx = t.thetaOffset();
            for (int c = 0; c < t.q(); c++) {
                if (theta[idx] < ThetaOptimizer.SINGULAR_TOLERANCE) zero.add(t.effects().get(c) + " | " + t.group());
                idx += t.q() - c;
            }
        }
        return "boundary (singular) fit: the random-effects covariance is (nearly) singular (" + String.join(", ", zero)
                + "); consider simplifying the random part of the model";
    }

    static double[] conditional(DesignMatrices design, double[] beta, RandomStructure structure, double[][] b) {
        int n = design.rows();
        int p = beta.length;
        double[] x = design.fixed().values();
        double[] off = design.offset();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = off == null ? 0 : off[i];
            for (int j = 0; j < p; j++) s += x[i * p + j] * beta[j];
            out[i] = s;
        }
        List<RandomStructure.Factor> factors = structure.factors();
        for (int k = 0; k < factors.size(); k++) {
            RandomStructure.Factor fa = factors.get(k);
            int q = fa.q();
            int[] lev = fa.levelOfRow();
            double[] z = fa.z();
            for (int i = 0; i < n; i++) {
                int j = lev[i];
                double s = 0;
                for (int r = 0; r < q; r++) s += z[i * q + r] * b[k][j * q + r];
                out[i] += s;
            }
        }
        return out;
    }

    private static List<FixedEffect> fixedTable(DesignMatrices design, ContrastTest[] tests) {
        List<FixedEffect> out = new ArrayList<>(tests.length);
        for (int j = 0; j < tests.length; j++) {
            ContrastTest t = tests[j];
            double d = t.denDf();
            double crit = Distributions.t975(d);
            Double dfOut = Double.isInfinite(d) ? null : d;
            out.add(new FixedEffect(design.fixed().columnNames().get(j), t.estimate(), t.se(), dfOut, t.statistic(),
                    t.p(), t.estimate() - crit * t.se(), t.estimate() + crit * t.se()));
        }
        return out;
    }
}
