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

/** Fits a linear mixed model with a given Cholesky strategy. */
public final class LmmFitter {
    /** Which blocked Cholesky to use. */
    public enum Strategy { NESTED, GENERAL }

    private LmmFitter() {
    }

    public static LinearMixedFit fit(DesignMatrices design, FitOptions options, Strategy strategy, String name,
                                     RandomStructure structure) {
        checkInput(design);
        boolean reml = options.method() == Method.REML;
        Crossproducts cp = new Crossproducts(design, structure);
        // a missing or infinite value anywhere in X or Z propagates into the sums
        if (!cp.allFinite()) {
            throw new EstimationException("the fixed- or random-effects design contains a value that is not finite "
                    + "(missing or infinite)");
        }
        CholeskyEngine engine = strategy == Strategy.NESTED ? new NestedCholesky(cp) : new GeneralCholesky(cp);
        int n = design.rows();
        int p = design.fixed().columns();
        ProfiledDeviance dev = new ProfiledDeviance(structure, engine, reml, n, p);
        double[] lower = structure.lowerBounds();
        if (engine.factor(structure.lambdas(structure.initialTheta())) == null) {
            throw new EstimationException("the fixed-effects design is rank deficient: some columns of X are linear "
                    + "combinations of others (" + String.join(", ", design.fixed().columnNames()) + ")");
        }
        ThetaOptimizer.Outcome opt = ThetaOptimizer.minimize(dev::criterion, structure.initialTheta(), lower,
                options.maxEvaluations());
        double[] theta = opt.theta();
        Factorization f = dev.factor(theta);
        if (f == null) throw new EstimationException("the model could not be factored at the optimum");
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
        double[][] u = f.u();
        double[][] condCov = f.condCov();
        double[][] lambda = structure.lambdas(theta);
        List<RandomStructure.Factor> factors = structure.factors();
        // b = Lambda u per factor
        double[][] b = new double[factors.size()][];
        for (int k = 0; k < factors.size(); k++) {
            int q = factors.get(k).q();
            int m = factors.get(k).levelCount();
            b[k] = new double[m * q];
            for (int j = 0; j < m; j++)
                for (int r = 0; r < q; r++) {
                    double s = 0;
                    for (int c = 0; c <= r; c++) s += lambda[k][r * q + c] * u[k][j * q + c];
                    b[k][j * q + r] = s;
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
        return new LinearMixedFit(design, beta, vcov, theta, sigma, dev, () -> conditional(design, beta, structure, b),
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
                        // (Lambda S Lambda^T)_rr with S the conditional block of u
                        double s = 0;
                        for (int a = 0; a <= r; a++)
                            for (int c = 0; c <= r; c++)
                                s += lambda[k][r * q + a] * condCov[k][j * q * q + a * q + c] * lambda[k][r * q + c];
                        sd[r] = Math.sqrt(Math.max(sigma2 * s, 0));
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
