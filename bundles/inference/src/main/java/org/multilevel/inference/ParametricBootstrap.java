package org.multilevel.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.fit.Estimator;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.FixedEffect;
import org.multilevel.api.fit.VarianceComponent;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.RandomTerm;
import org.multilevel.api.task.CancelledException;
import org.multilevel.api.task.EstimatorStoppedException;
import org.multilevel.api.task.TaskMonitor;
import org.multilevel.api.task.WorkLimits;

/**
 * Parametric bootstrap percentile intervals for a gaussian linear mixed model: nsim responses are simulated
 * from the fitted model (random effects from their estimated covariances, residuals from sigma2), the model is
 * refitted to each with the same estimator and options, and the 2.5% and 97.5% quantiles of every parameter
 * (fixed effects, random-effect SDs and correlations, sigma; named as lme4's confint names them) are the
 * interval ends. Deterministic for a given seed. Stateless.
 */
public final class ParametricBootstrap {

    /** One parameter's interval; {@code estimate} is the original fit's value. */
    public record Interval(String parameter, double estimate, double lower, double upper) {
    }

    /** All intervals with the number of refits that succeeded. */
    public record Result(List<Interval> intervals, int nsim, int succeeded, long seed) {
    }

    private ParametricBootstrap() {
    }

    /** Progress stage of the refits. */
    public static final String STAGE = "bootstrap";
    /** Refits timed before the whole run is projected against the time budget. */
    private static final int TIMED_REFITS = 3;

    /**
     * @param progress called with the number of refits done so far (may be null)
     */
    public static Result run(FittedModel model, Estimator estimator, FitOptions options, int nsim, long seed,
                             IntConsumer progress) {
        TaskMonitor monitor = progress == null ? TaskMonitor.NONE : new TaskMonitor() {
            @Override
            public void progress(String stage, long done, long total) {
                if (STAGE.equals(stage)) progress.accept((int) done);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        return run(model, estimator, options, nsim, seed, monitor, WorkLimits.current());
    }

    /**
     * The bootstrap with progress ({@value #STAGE}, refits done of nsim) and cancellation checked before and
     * within every refit. Refused before it starts when the nsim draws cannot be held in memory, and after
     * the first refits when nsim of them would take longer than the time budget.
     *
     * @throws org.multilevel.api.task.WorkTooLargeException when it cannot finish within the limits
     * @throws CancelledException when the monitor was cancelled
     * @throws EstimatorStoppedException when the estimator was stopped during a refit
     */
    public static Result run(FittedModel model, Estimator estimator, FitOptions options, int nsim, long seed,
                             TaskMonitor monitor, WorkLimits limits) {
        FitResult fit = model.result();
        if (fit.sigma2() == null) {
            throw new MultilevelException("The parametric bootstrap is available for gaussian models only.");
        }
        if (nsim < 2) throw new MultilevelException("The bootstrap needs at least 2 simulations, got " + nsim + ".");
        DesignMatrices design = model.design();
        List<RandomTerm> terms = design.random();
        List<double[][]> roots = new ArrayList<>();
        for (int k = 0; k < terms.size(); k++) {
            roots.add(root(componentFor(terms.get(k), k, fit.random()).covariance()));
        }
        double[] mean = model.fixedPrediction();
        double sigma = Math.sqrt(fit.sigma2());
        List<String> names = parameterNames(fit);
        double[] original = parameters(fit);
        limits.require(String.format(java.util.Locale.ROOT, "the bootstrap (%,d refits of %d parameters)", nsim,
                names.size()), (double) names.size() * nsim * Double.BYTES + 2.0 * design.rows() * Double.BYTES, 0,
                "ask for fewer simulations (--nsim)");
        double[][] draws = new double[names.size()][nsim];
        long started = System.nanoTime();
        int ok = 0;
        Random rnd = new Random(seed);
        FitOptions refit = options.withDdf(org.multilevel.api.fit.DdfMethod.NONE);
        for (int s = 0; s < nsim; s++) {
            monitor.checkCancelled();
            if (s == TIMED_REFITS && nsim > TIMED_REFITS) {
                double perRefit = (System.nanoTime() - started) / 1e9 / TIMED_REFITS;
                limits.requireSeconds(String.format(java.util.Locale.ROOT,
                        "the bootstrap (%,d refits of about %.2g s each)", nsim, perRefit), perRefit * nsim,
                        "ask for fewer simulations (--nsim)");
            }
            double[] y = mean.clone();
            for (int k = 0; k < terms.size(); k++) {
                RandomTerm t = terms.get(k);
                int q = t.effects();
                double[][] l = roots.get(k);
                double[][] b = new double[t.levelCount()][q];
                for (int lev = 0; lev < t.levelCount(); lev++) {
                    double[] u = new double[q];
                    for (int e = 0; e < q; e++) u[e] = rnd.nextGaussian();
                    for (int a = 0; a < q; a++) for (int e = 0; e < q; e++) b[lev][a] += l[a][e] * u[e];
                }
                for (int i = 0; i < y.length; i++) {
                    double[] bl = b[t.levelOfRow()[i]];
                    for (int e = 0; e < q; e++) y[i] += t.z()[i * q + e] * bl[e];
                }
            }
            for (int i = 0; i < y.length; i++) y[i] += sigma * rnd.nextGaussian();
            DesignMatrices star = new DesignMatrices(design.spec(), y, design.weights(), design.offset(),
                    design.fixed(), design.random(), design.dataRows(), design.notes(), design.frame());
            try {
                double[] par = parameters(estimator.fit(star, refit, monitor).result());
                if (par.length == names.size()) {
                    for (int j = 0; j < par.length; j++) draws[j][ok] = par[j];
                    ok++;
                }
            } catch (CancelledException | EstimatorStoppedException e) {
                throw e; // the whole bootstrap ends: fewer refits would give other intervals
            } catch (MultilevelException e) {
                // a simulated response the estimator cannot fit is left out and counted
            }
            monitor.progress(STAGE, s + 1, nsim);
        }
        if (ok < 2) throw new MultilevelException("The bootstrap refits failed: " + ok + " of " + nsim + " succeeded.");
        List<Interval> out = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            double[] v = Arrays.copyOf(draws[j], ok);
            Arrays.sort(v);
            out.add(new Interval(names.get(j), original[j], quantile(v, 0.025), quantile(v, 0.975)));
        }
        return new Result(out, nsim, ok, seed);
    }

    /** lme4's confint names: sd_(Intercept)|school, cor_cses.(Intercept)|school, sigma, then the fixed effects. */
    static List<String> parameterNames(FitResult fit) {
        List<String> names = new ArrayList<>();
        for (VarianceComponent vc : fit.random()) {
            String g = vc.group().replaceAll("\\.\\d+$", "");
            int q = vc.terms().size();
            for (int a = 0; a < q; a++) {
                names.add("sd_" + vc.terms().get(a) + "|" + g);
                for (int b = a + 1; b < q; b++) names.add("cor_" + vc.terms().get(b) + "." + vc.terms().get(a) + "|" + g);
            }
        }
        names.add("sigma");
        for (FixedEffect fe : fit.fixed()) names.add(fe.term());
        return names;
    }

    static double[] parameters(FitResult fit) {
        List<Double> v = new ArrayList<>();
        for (VarianceComponent vc : fit.random()) {
            int q = vc.terms().size();
            for (int a = 0; a < q; a++) {
                v.add(vc.sd(a));
                for (int b = a + 1; b < q; b++) {
                    double c = vc.correlation(a, b);
                    v.add(Double.isNaN(c) ? 0.0 : c);
                }
            }
        }
        v.add(Math.sqrt(fit.sigma2()));
        for (FixedEffect fe : fit.fixed()) v.add(fe.estimate());
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) out[i] = v.get(i);
        return out;
    }

    private static VarianceComponent componentFor(RandomTerm t, int k, List<VarianceComponent> random) {
        if (k < random.size() && random.get(k).terms().equals(t.effectNames())) return random.get(k);
        for (VarianceComponent vc : random) {
            if (vc.group().equals(t.group()) && vc.terms().equals(t.effectNames())) return vc;
        }
        throw new MultilevelException("The bootstrap found no variance estimate for the random term of " + t.group() + ".");
    }

    /** A square root L L' = g of a positive semi-definite matrix (Cholesky with zero pivots allowed). */
    static double[][] root(double[][] g) {
        int q = g.length;
        double[][] l = new double[q][q];
        for (int j = 0; j < q; j++) {
            double d = g[j][j];
            for (int k = 0; k < j; k++) d -= l[j][k] * l[j][k];
            double ljj = d > 1e-12 * Math.max(1, g[j][j]) ? Math.sqrt(d) : 0.0;
            l[j][j] = ljj;
            for (int i = j + 1; i < q; i++) {
                double s = g[i][j];
                for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
                l[i][j] = ljj > 0 ? s / ljj : 0.0;
            }
        }
        return l;
    }

    /** R's default (type 7) quantile of sorted values. */
    static double quantile(double[] sorted, double prob) {
        double h = (sorted.length - 1) * prob;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
