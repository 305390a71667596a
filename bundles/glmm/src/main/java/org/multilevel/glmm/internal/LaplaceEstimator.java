package org.multilevel.glmm.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.EstimationException;
import org.multilevel.api.fit.Estimator;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.FixedEffect;
import org.multilevel.api.fit.LevelModes;
import org.multilevel.api.fit.Method;
import org.multilevel.api.fit.OptimizerReport;
import org.multilevel.api.fit.RandomEffectModes;
import org.multilevel.api.fit.VarianceComponent;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.Link;
import org.multilevel.api.model.RandomTerm;
import org.multilevel.api.task.FitGuard;
import org.multilevel.api.task.TaskMonitor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Binomial and Poisson GLMMs by the Laplace approximation (lme4's glmer, nAGQ = 1) or adaptive Gauss-Hermite
 * quadrature (one scalar random effect). Stateless: every fit builds its own working arrays.
 */
@Component(service = Estimator.class, configurationPid = LaplaceConfig.PID, property = {
        "multilevel.estimator=glmm-laplace",
        "multilevel.families=binomial", "multilevel.families=poisson",
        "multilevel.methods=Laplace", "multilevel.methods=AGQ",
        "multilevel.structures=nested", "multilevel.structures=crossed",
        "service.ranking:Integer=0"})
@Designate(ocd = LaplaceConfig.class)
public final class LaplaceEstimator implements Estimator {
    public static final String NAME = "glmm-laplace";

    /**
     * lme4's limit on Gauss-Hermite points per level (GHrule: ord < 101); beyond it the rule's weights underflow
     * and the work grows without improving an integral that 25 points already give to machine precision.
     */
    public static final int MAX_QUADRATURE_POINTS = LaplaceConfig.MAX_QUADRATURE_POINTS;

    private final int maxEvaluations;
    private final int maxQuadraturePoints;

    /** With the default limits (tests, hosts that construct estimators themselves). */
    public LaplaceEstimator() {
        maxEvaluations = FitOptions.DEFAULT_MAX_EVALUATIONS;
        maxQuadraturePoints = LaplaceConfig.MAX_QUADRATURE_POINTS;
    }

    /** The DS component, with the administrator's configuration when there is one. */
    @Activate
    public LaplaceEstimator(LaplaceConfig config) {
        maxEvaluations = Math.max(config.max_evaluations(), LaplaceConfig.MIN_EVALUATIONS);
        maxQuadraturePoints = config.max_quadrature_points();
    }

    /** Set when the component is deactivated: fits still running end with "the estimator was stopped". */
    private volatile boolean stopped;

    @Deactivate
    void stop() {
        stopped = true;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> unsupported(DesignMatrices design, FitOptions options) {
        Family family = design.spec().family();
        Link link = design.spec().link();
        if (family == Family.GAUSSIAN) return Optional.of("glmm-laplace fits binomial and Poisson models; a gaussian model goes to the linear mixed-model estimators.");
        if (family == Family.BINOMIAL && link != Link.LOGIT && link != Link.PROBIT && link != Link.CLOGLOG) {
            return Optional.of("The binomial family takes the logit, probit or cloglog link, not " + link.rName() + ".");
        }
        if (family == Family.POISSON && link != Link.LOG) return Optional.of("The Poisson family takes the log link, not " + link.rName() + ".");
        if (options.method() != Method.LAPLACE && options.method() != Method.AGQ) {
            return Optional.of("A " + family.rName() + " model is fitted by Laplace or AGQ, not " + options.method().label() + ".");
        }
        if (design.random().isEmpty()) return Optional.of("The model has no random effects; fit it as a generalized linear model.");
        if (options.method() == Method.AGQ) {
            if (design.random().size() != 1 || design.random().get(0).effects() != 1) {
                return Optional.of("Adaptive quadrature (AGQ) needs a single scalar random effect such as (1 | cluster); this model has "
                        + describe(design.random()) + ", so use the Laplace method.");
            }
            if (options.quadraturePoints() < 1) return Optional.of("AGQ needs at least one quadrature point per level (--nagq 1 or more).");
            if (options.quadraturePoints() > maxQuadraturePoints) {
                return Optional.of("AGQ takes at most " + maxQuadraturePoints + " quadrature points per level, not "
                        + options.quadraturePoints() + " quadrature points (" + LaplaceConfig.PID + ", max.quadrature.points;"
                        + " lme4's limit is " + MAX_QUADRATURE_POINTS + ", and 25 points already give the likelihood to"
                        + " about machine precision).");
            }
        }
        return Optional.empty();
    }

    private static String describe(List<RandomTerm> terms) {
        int effects = 0;
        for (RandomTerm t : terms) effects += t.effects();
        return terms.size() + " random term" + (terms.size() == 1 ? "" : "s") + " with " + effects + " effect" + (effects == 1 ? "" : "s");
    }

    @Override
    public FittedModel fit(DesignMatrices design, FitOptions options) {
        return fit(design, options, TaskMonitor.NONE);
    }

    @Override
    public FittedModel fit(DesignMatrices design, FitOptions options, TaskMonitor monitor) {
        FitGuard guard = new FitGuard(monitor, () -> stopped, "fit");
        guard.check();
        unsupported(design, options).ifPresent(reason -> {
            throw new EstimationException(reason);
        });
        GlmFamily fam = new GlmFamily(design.spec().family(), design.spec().link());
        ModelData data = new ModelData(design, fam);
        checkOutcomeVaries(data);
        checkIndicatorSeparation(design, fam);
        checkSeparation(design, fam);
        PenalizedSystem system = new PenalizedSystem(data, guard);
        boolean agq = options.method() == Method.AGQ && options.quadraturePoints() > 1;
        AdaptiveQuadrature quadrature = agq ? new AdaptiveQuadrature(system, options.quadraturePoints()) : null;
        GlmmFitter.Outcome out = new GlmmFitter(system, quadrature, options.withDefaultMaxEvaluations(maxEvaluations).maxEvaluations()).fit();
        return new ResultBuilder(design, options, data, system, out).build();
    }

    private static void checkOutcomeVaries(ModelData d) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double v : d.y) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (d.family.binomial() && (max == 0 || min == 1)) {
            throw new EstimationException("Every row of the response is a " + (max == 0 ? "failure" : "success")
                    + ", so the model cannot be estimated (the intercept diverges); check the response coding.");
        }
        if (!d.family.binomial() && max == 0) {
            throw new EstimationException("Every count of the response is zero, so the model cannot be estimated; check the response column.");
        }
    }

    /**
     * Quasi-complete separation by an indicator column (a factor level, a 0/1 variable): all its rows (or all the
     * other rows) have the same outcome, so its estimate diverges. Caught before fitting, where PIRLS would fail.
     */
    private static void checkIndicatorSeparation(DesignMatrices design, GlmFamily fam) {
        int p = design.fixed().columns();
        int n = design.rows();
        double[] x = design.fixed().values();
        double[] y = design.y();
        for (int c = 0; c < p; c++) {
            boolean indicator = true;
            int ones = 0;
            for (int i = 0; i < n && indicator; i++) {
                double v = x[i * p + c];
                if (v == 1) ones++;
                else if (v != 0) indicator = false;
            }
            if (!indicator || ones == 0 || ones == n) continue;
            for (int side = 1; side >= 0; side--) {
                boolean allZero = true, allOne = true;
                for (int i = 0; i < n; i++) {
                    if (x[i * p + c] != side) continue;
                    if (y[i] != 0) allZero = false;
                    if (y[i] != 1) allOne = false;
                }
                boolean separated = fam.binomial() ? allZero || allOne : allZero;
                if (separated) {
                    String term = design.fixed().columnNames().get(c);
                    String what = fam.binomial() ? (allZero ? "a failure" : "a success") : "a zero count";
                    throw new EstimationException("Perfect separation: every row " + (side == 1 ? "with " : "without ") + term + " is " + what
                            + ", so the estimate of " + term + " diverges; merge that category with another, drop the term, or use a penalized (bias-reduced) model.");
                }
            }
        }
    }

    /**
     * Separation of the outcome by the fixed-effects columns in general (a continuous predictor, a combination
     * of columns): then an estimate diverges whatever the random effects, so the model is refused, naming the
     * columns that separate. Random effects can also push fitted means to 0 or 1, but that is a variance
     * running away, diagnosed after the fit (see {@link ResultBuilder#extremeFitWarnings}).
     */
    private static void checkSeparation(DesignMatrices design, GlmFamily fam) {
        int p = design.fixed().columns();
        List<Integer> columns = Separation.separatingColumns(design.fixed().values(), design.rows(), p, design.y(),
                design.weights(), fam.binomial());
        List<String> names = new ArrayList<>();
        for (int c : columns) {
            String name = design.fixed().columnNames().get(c);
            if (!name.equals("(Intercept)")) names.add(name);
        }
        if (columns.isEmpty()) return;
        if (names.isEmpty()) names.add("(Intercept)");
        String what = names.size() == 1 ? names.get(0) + " predicts" : String.join(", ", names) + " together predict";
        throw new EstimationException("Perfect separation: " + what + " the outcome " + (fam.binomial() ? "(success or failure)" : "(zero counts)")
                + " exactly for part of the rows, so " + (names.size() == 1 ? "its estimate diverges" : "their estimates diverge")
                + " (complete or quasi-complete separation by the fixed effects alone); remove "
                + (names.size() == 1 ? "that term" : "one of those terms") + " or merge its categories, or use a penalized (bias-reduced) model.");
    }

    /** Turns the optimization's outcome into the result document. */
    private static final class ResultBuilder {
        private final DesignMatrices design;
        private final FitOptions options;
        private final ModelData data;
        private final PenalizedSystem system;
        private final GlmmFitter.Outcome out;

        ResultBuilder(DesignMatrices design, FitOptions options, ModelData data, PenalizedSystem system, GlmmFitter.Outcome out) {
            this.design = design;
            this.options = options;
            this.data = data;
            this.system = system;
            this.out = out;
        }

        FittedModel build() {
            int p = data.p;
            double[] beta = out.beta();
            List<String> warnings = new ArrayList<>(data.warnings);
            double[] fixedEta = new double[data.nobs];
            double[] condEta = new double[data.nobs];
            predictions(beta, fixedEta, condEta);
            if (!Double.isFinite(out.deviance())) throw GlmmFitter.overflow();

            NormalDistribution normal = new NormalDistribution(null, 0, 1);
            double zq = normal.inverseCumulativeProbability(0.975);
            List<FixedEffect> fixed = new ArrayList<>();
            for (int j = 0; j < p; j++) {
                double se = Math.sqrt(out.betaCovariance()[j][j]);
                double z = beta[j] / se;
                double pv = 2 * normal.cumulativeProbability(-Math.abs(z));
                fixed.add(new FixedEffect(design.fixed().columnNames().get(j), beta[j], se, null, z, pv, beta[j] - zq * se, beta[j] + zq * se));
            }

            // variance components in lme4's order and names
            List<VarianceComponent> random = new ArrayList<>();
            Map<String, Integer> groups = new LinkedHashMap<>();
            Map<String, Integer> seen = new LinkedHashMap<>();
            boolean singular = false;
            double[] theta = out.theta();
            double[] lower = system.thetaLower();
            for (int a = 0; a < theta.length; a++) if (lower[a] == 0 && theta[a] < 1e-4) singular = true;
            for (int k = 0; k < system.terms; k++) {
                RandomTerm rt = data.terms.get(k);
                int qk = system.q[k];
                double[] tk = system.t[k];
                double[][] cov = new double[qk][qk];
                for (int a = 0; a < qk; a++) {
                    for (int b = 0; b < qk; b++) {
                        double s = 0;
                        for (int c = 0; c < qk; c++) s += tk[a * qk + c] * tk[b * qk + c];
                        cov[a][b] = s;
                    }
                }
                int count = seen.merge(rt.group(), 1, Integer::sum);
                String name = count == 1 ? rt.group() : rt.group() + "." + (count - 1);
                random.add(new VarianceComponent(name, rt.effectNames(), cov));
                groups.putIfAbsent(rt.group(), rt.levelCount());
            }
            warnings.addAll(extremeFitWarnings(condEta, random));
            if (singular) {
                warnings.add("Boundary (singular) fit: a random-effect variance is estimated as zero (or a correlation as ±1); consider simplifying the random effects.");
            }
            warnings.addAll(out.warnings());

            // conditional modes and SDs, one entry per grouping factor
            double[][][] condCov = system.conditionalCovariances();
            Map<String, List<Integer>> termsOfFactor = new LinkedHashMap<>();
            for (int k = 0; k < system.terms; k++) termsOfFactor.computeIfAbsent(data.terms.get(k).group(), x -> new ArrayList<>()).add(k);
            Map<String, RandomEffectModes> ranef = new LinkedHashMap<>();
            for (Map.Entry<String, List<Integer>> e : termsOfFactor.entrySet()) {
                List<String> names = new ArrayList<>();
                for (int k : e.getValue()) names.addAll(data.terms.get(k).effectNames());
                RandomTerm first = data.terms.get(e.getValue().get(0));
                List<LevelModes> levels = new ArrayList<>();
                for (int lv = 0; lv < first.levelCount(); lv++) {
                    double[] values = new double[names.size()];
                    double[] sds = new double[names.size()];
                    int at = 0;
                    for (int k : e.getValue()) {
                        int level = levelIndex(data.terms.get(k), first, lv);
                        double[] b = system.modes(k, level);
                        int qk = system.q[k];
                        for (int a = 0; a < qk; a++) {
                            values[at + a] = b[a];
                            sds[at + a] = Math.sqrt(condCov[k][level][a * qk + a]);
                        }
                        at += qk;
                    }
                    levels.add(new LevelModes(first.levels().get(lv), values, sds));
                }
                ranef.put(e.getKey(), new RandomEffectModes(names, levels));
            }

            int npar = p + theta.length;
            double minus2ll;
            if (options.method() == Method.AGQ && options.quadraturePoints() > 1) {
                // lme4 reports the quadrature deviance on the deviance-residual scale (no binomial coefficients)
                minus2ll = out.deviance() - data.saturatedKernel;
            } else {
                minus2ll = out.deviance() + data.logLikConstant;
            }
            double logLik = -0.5 * minus2ll;
            double aic = minus2ll + 2 * npar;
            double bic = minus2ll + Math.log(data.nobs) * npar;
            double[] params = new double[theta.length + p];
            System.arraycopy(theta, 0, params, 0, theta.length);
            System.arraycopy(beta, 0, params, theta.length, p);
            String message = out.converged()
                    ? "converged (" + out.evaluations() + " deviance evaluations" + (out.hessianUsed() ? "; covariance of β from the Hessian of the deviance" : "") + ")"
                    : "stopped without meeting the convergence criterion after " + out.evaluations() + " deviance evaluations";
            OptimizerReport report = new OptimizerReport(out.optimizerName(), out.evaluations(), params, message);
            String method = options.method() == Method.AGQ ? Method.AGQ.label() : Method.LAPLACE.label();
            FitResult result = new FitResult(design.spec().formula(), design.spec().family().rName(), design.spec().link().rName(),
                    method, NAME, DdfMethod.NONE.label(), data.nobs, groups, out.converged(), singular, warnings, fixed, random,
                    null, logLik, npar, aic, bic, minus2ll, null, ranef, report);
            return new GlmmFittedModel(result, design, beta.clone(), out.betaCovariance(), fixedEta, condEta);
        }

        /** Level of term k matching level lv of the factor's first term (same factor, same level list). */
        private static int levelIndex(RandomTerm term, RandomTerm first, int lv) {
            if (term == first || term.levels().equals(first.levels())) return lv;
            int at = term.levels().indexOf(first.levels().get(lv));
            if (at < 0) throw new EstimationException("Random terms on factor " + first.group() + " disagree on its levels.");
            return at;
        }

        private void predictions(double[] beta, double[] fixedEta, double[] condEta) {
            double[] x = design.fixed().values();
            int p = data.p;
            double[] off = design.offset();
            for (int i = 0; i < data.nobs; i++) {
                double e = off == null ? 0 : off[i];
                for (int c = 0; c < p; c++) e += x[i * p + c] * beta[c];
                fixedEta[i] = e;
                double zb = 0;
                for (int k = 0; k < system.terms; k++) {
                    RandomTerm rt = data.terms.get(k);
                    int qk = rt.effects();
                    double[] b = system.modes(k, rt.levelOfRow()[i]);
                    for (int a = 0; a < qk; a++) zb += rt.z()[i * qk + a] * b[a];
                }
                condEta[i] = e + zb;
            }
        }

        /**
         * Fitted means numerically 0 or 1 (0 for counts). The fixed part does not separate the outcome (checked
         * before the fit), so a random-effects term pushes them there: its variance runs away because some of its
         * groups have outcomes that are all 0 or all 1 (no zero count for Poisson: all zero), and their modes head
         * to infinity. lme4 returns such a fit, without a warning; this one says what happened, naming the term
         * and those groups. Without such a term the fitted means are extreme through the fixed part alone (a
         * near-separation with a large but finite estimate), as glm warns.
         */
        private List<String> extremeFitWarnings(double[] condEta, List<VarianceComponent> random) {
            GlmFamily fam = data.family;
            double[] y = design.y();
            double[] trials = design.weights();
            int extreme = 0;
            boolean[] edge = new boolean[data.nobs];
            for (int i = 0; i < data.nobs; i++) {
                double mu = fam.mu(condEta[i]);
                edge[i] = fam.binomial() ? (mu < 1e-6 && y[i] == 0) || (mu > 1 - 1e-6 && y[i] == 1) : mu < 1e-6 && y[i] == 0;
                if (edge[i]) extreme++;
            }
            if (extreme == 0) return List.of();
            String fitted = extreme + " fitted " + (fam.binomial() ? (extreme == 1 ? "probability is" : "probabilities are") + " numerically 0 or 1"
                    : (extreme == 1 ? "mean is" : "means are") + " numerically 0");
            List<String> out = new ArrayList<>();
            for (int k = 0; k < system.terms; k++) {
                RandomTerm rt = data.terms.get(k);
                int qk = rt.effects();
                // the term pushes an extreme row there when without its contribution the row's mean would not be extreme
                boolean pushes = false;
                for (int i = 0; i < data.nobs && !pushes; i++) {
                    if (!edge[i]) continue;
                    double[] b = system.modes(k, rt.levelOfRow()[i]);
                    double zb = 0;
                    for (int a = 0; a < qk; a++) zb += rt.z()[i * qk + a] * b[a];
                    double mu = fam.mu(condEta[i] - zb);
                    pushes = fam.binomial() ? mu >= 1e-6 && mu <= 1 - 1e-6 : mu >= 1e-6;
                }
                if (!pushes) continue;
                // groups whose outcomes are all one kind
                int levels = rt.levelCount();
                double[] successes = new double[levels], total = new double[levels];
                for (int i = 0; i < data.nobs; i++) {
                    double w = trials == null ? 1 : trials[i];
                    int lv = rt.levelOfRow()[i];
                    total[lv] += w;
                    successes[lv] += fam.binomial() ? y[i] * w : y[i];
                }
                int allZero = 0, allOne = 0;
                List<String> examples = new ArrayList<>();
                for (int lv = 0; lv < levels; lv++) {
                    if (!(total[lv] > 0)) continue;
                    boolean zero = successes[lv] == 0;
                    boolean one = fam.binomial() && Math.abs(successes[lv] - total[lv]) < 1e-9 * total[lv];
                    if (zero) allZero++;
                    if (one) allOne++;
                    if ((zero || one) && examples.size() < 5) examples.add(rt.levels().get(lv));
                }
                VarianceComponent vc = random.get(k);
                double sd = 0;
                for (int a = 0; a < qk; a++) sd = Math.max(sd, vc.sd(a));
                String effects = qk == 1 ? "random " + (rt.effectNames().get(0).equals("(Intercept)") ? "intercept" : "effect of " + rt.effectNames().get(0))
                        : "random effects (" + String.join(", ", rt.effectNames()) + ")";
                String kinds = !fam.binomial() ? "zero" : allOne == 0 ? "0" : allZero == 0 ? "1"
                        : "0 (" + allZero + ") or all 1 (" + allOne + ")";
                String groups = allZero + allOne == 0 ? ""
                        : String.format(Locale.ROOT, ": %d of its %d groups have outcomes that are all %s, for example %s%s,", allZero + allOne,
                                levels, kinds, String.join(", ", examples), allZero + allOne > examples.size() ? ", ..." : "");
                out.add(String.format(Locale.ROOT, "The %s variance of %s is very large and may be diverging (SD %.3g on the %s scale)%s"
                                + " and %s. The fixed effects alone do not separate the outcome, so no predictor is to blame"
                                + " (lme4 returns such a fit without a warning); treat this variance and the standard errors of the fixed"
                                + " effects with caution, and consider whether this grouping level is needed.",
                        effects, vc.group(), sd, fam.link().rName(), groups, fitted));
            }
            if (out.isEmpty()) {
                out.add("Fitted " + (fam.binomial() ? "probabilities numerically 0 or 1 occurred" : "means numerically 0 occurred")
                        + " (" + fitted + "): the fixed effects come close to separating the outcome, so their estimates and standard errors are unreliable.");
            }
            return out;
        }
    }
}
