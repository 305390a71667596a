package org.multilevel.analysis.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.multilevel.api.MultilevelException;
import org.multilevel.api.analysis.Comparison;
import org.multilevel.api.analysis.LikelihoodRatioTest;
import org.multilevel.api.analysis.ModelSummary;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.VarianceComponent;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.RandomTerm;

/**
 * Likelihood-ratio comparison of models fitted on the same rows, as R's anova of several models: ordered
 * by number of parameters, each model tested against the one before it.
 */
public final class ModelComparer {
    private ModelComparer() {
    }

    /** Refuses designs that do not use the same rows of the data set. */
    public static void requireSameRows(List<DesignMatrices> designs) {
        DesignMatrices first = designs.get(0);
        for (int m = 1; m < designs.size(); m++) {
            DesignMatrices other = designs.get(m);
            if (!java.util.Arrays.equals(first.dataRows(), other.dataRows())) {
                throw new MultilevelException("cannot compare models fitted on different rows: model 1 ("
                        + first.spec().formula() + ") uses " + first.rows() + " rows and model " + (m + 1) + " ("
                        + other.spec().formula() + ") uses " + other.rows() + firstDifference(first, other)
                        + "; remove the rows with missing values in any of the models' variables first");
            }
        }
    }

    private static String firstDifference(DesignMatrices a, DesignMatrices b) {
        Set<Integer> inA = new HashSet<>();
        for (int r : a.dataRows()) inA.add(r);
        Set<Integer> inB = new HashSet<>();
        for (int r : b.dataRows()) inB.add(r);
        for (int r : a.dataRows()) {
            if (!inB.contains(r)) return " (data row " + (r + 1) + " is used only by model 1, e.g. a missing value)";
        }
        for (int r : b.dataRows()) {
            if (!inA.contains(r)) return " (data row " + (r + 1) + " is used only by the other model, e.g. a missing value)";
        }
        return "";
    }

    /** True when the models have the same fixed-effects columns. */
    public static boolean sameFixedEffects(DesignMatrices a, DesignMatrices b) {
        return new HashSet<>(a.fixed().columnNames()).equals(new HashSet<>(b.fixed().columnNames()));
    }

    /** True when every fixed column and every random effect of {@code small} is in {@code large}. */
    public static boolean nestedIn(DesignMatrices small, DesignMatrices large) {
        if (!new HashSet<>(large.fixed().columnNames()).containsAll(small.fixed().columnNames())) return false;
        for (RandomTerm s : small.random()) {
            boolean found = false;
            for (RandomTerm l : large.random()) {
                if (l.group().equals(s.group()) && l.effectNames().containsAll(s.effectNames())) {
                    found = true;
                    break;
                }
            }
            if (!found) return false;
        }
        return true;
    }

    /**
     * @param fits     fitted models for the likelihood-ratio tests (all with the same method)
     * @param notes    warnings already known (refits, ...)
     * @param sections derived sections to carry
     */
    public static Comparison compare(List<FittedModel> fits, List<String> notes, List<ResultSection> sections) {
        List<FittedModel> ordered = new ArrayList<>(fits);
        ordered.sort(Comparator.comparingInt(f -> f.result().npar())); // stable: ties keep the user's order
        List<ModelSummary> models = new ArrayList<>();
        for (FittedModel f : ordered) {
            FitResult r = f.result();
            models.add(new ModelSummary(r.formula(), r.method(), r.nobs(), r.npar(), r.logLik(), r.aic(), r.bic(),
                    r.deviance()));
        }
        List<String> warnings = new ArrayList<>(notes);
        for (int m = 0; m < ordered.size(); m++) {
            FitResult r = ordered.get(m).result();
            for (String w : r.warnings()) warnings.add("m" + m + " (" + r.formula() + "): " + w);
        }
        List<LikelihoodRatioTest> tests = new ArrayList<>();
        for (int m = 1; m < ordered.size(); m++) {
            FittedModel small = ordered.get(m - 1);
            FittedModel large = ordered.get(m);
            int df = large.result().npar() - small.result().npar();
            // models are named m0, m1, ... in the order of the comparison, as the report labels them
            String pair = "m" + (m - 1) + " and m" + m;
            if (df == 0) {
                warnings.add(pair + " have the same number of parameters: no likelihood-ratio test; compare "
                        + "them by AIC and BIC");
                continue;
            }
            Nesting nesting = Nesting.of(small.design(), large.design());
            String names = "m" + (m - 1) + " (" + small.result().formula() + ")";
            String namesLarge = "m" + m + " (" + large.result().formula() + ")";
            if (nesting == Nesting.NOT_NESTED) {
                warnings.add(names + " is not nested in " + namesLarge + ": its fixed effects are not contained in "
                        + "the other's, so the likelihood-ratio test between them is not valid; compare them by "
                        + "AIC and BIC");
            } else if (nesting == Nesting.UNKNOWN) {
                warnings.add("could not verify that " + names + " is nested in " + namesLarge + "; the "
                        + "likelihood-ratio test is valid only if it is; otherwise compare them by AIC and BIC");
            }
            double diff = 2 * (large.result().logLik() - small.result().logLik());
            if (diff < 0) {
                warnings.add("m" + m + " has a lower log-likelihood than m" + (m - 1)
                        + " although it has more parameters; the chi-square is set to 0");
            }
            double chisq = Math.max(0, diff);
            double p = ChiBarSquare.upperTail(chisq, df);
            Double pMixture = null;
            int[] mixtureDf = null;
            // the boundary mixture is known for the classic case: added effects (and their covariances) of a term
            if (nesting == Nesting.NESTED && sameFixedEffects(small.design(), large.design())) {
                pMixture = ChiBarSquare.mixture(chisq, df);
                mixtureDf = new int[] {df - 1, df};
            }
            tests.add(new LikelihoodRatioTest(m - 1, m, chisq, df, p, pMixture, mixtureDf));
        }
        return new Comparison(models, tests, warnings, sections);
    }

    /**
     * Proportional reduction of each variance component between consecutive models (in the given order,
     * fewer predictors first): (var_fewer - var_more) / var_fewer, per grouping factor and effect, and for
     * the residual variance.
     */
    public static ResultSection pseudoR2(List<FittedModel> ordered) {
        List<Map<String, Object>> pairs = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int m = 1; m < ordered.size(); m++) {
            // meaningful only for the same variances of the same effects: the intercept variance of a random-slope
            // model is the variance at x = 0, and a GLMM's latent-scale variances are not reduced by predictors
            if (!gaussian(ordered.get(m - 1)) || !gaussian(ordered.get(m))
                    || !sameRandomStructure(ordered.get(m - 1).design(), ordered.get(m).design())) {
                continue;
            }
            Map<String, Double> fewer = variances(ordered.get(m - 1));
            Map<String, Double> more = variances(ordered.get(m));
            Map<String, Object> values = new LinkedHashMap<>();
            for (Map.Entry<String, Double> e : fewer.entrySet()) {
                Double v1 = more.get(e.getKey());
                double v0 = e.getValue();
                if (v1 == null || !(v0 > 0)) continue;
                values.put(e.getKey(), (v0 - v1) / v0);
            }
            if (values.isEmpty()) continue;
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("from", m - 1);
            pair.put("to", m);
            pair.put("pseudoR2", values);
            pairs.add(pair);
            text.append(String.format(Locale.ROOT, "m%d -> m%d:%n", m - 1, m));
            for (Map.Entry<String, Object> e : values.entrySet()) {
                text.append(String.format(Locale.ROOT, "  %-24s %8.4f%n", e.getKey(), (Double) e.getValue()));
            }
        }
        if (pairs.isEmpty()) return null;
        return new ResultSection("pseudoR2", "Proportional reduction in variance (pseudo-R²)", pairs,
                text.toString());
    }

    private static boolean gaussian(FittedModel f) {
        return f.result().family() == null || f.result().family().equalsIgnoreCase("gaussian");
    }

    /** The same grouping factors with, for each, the same random effects (in any order). */
    static boolean sameRandomStructure(DesignMatrices a, DesignMatrices b) {
        return randomStructure(a).equals(randomStructure(b));
    }

    private static Map<String, Set<String>> randomStructure(DesignMatrices d) {
        Map<String, Set<String>> out = new java.util.TreeMap<>();
        for (RandomTerm t : d.random()) {
            out.computeIfAbsent(t.group(), g -> new java.util.TreeSet<>()).addAll(t.effectNames());
        }
        return out;
    }

    /** Variances by name: the grouping factor for an intercept, "factor:effect" for other effects. */
    static Map<String, Double> variances(FittedModel f) {
        Map<String, Double> out = new LinkedHashMap<>();
        List<VarianceComponent> random = f.result().random();
        List<RandomTerm> terms = f.design().random();
        for (int c = 0; c < random.size(); c++) {
            VarianceComponent vc = random.get(c);
            String group = terms.size() == random.size() ? terms.get(c).group() : vc.group();
            for (int k = 0; k < vc.terms().size(); k++) {
                String term = vc.terms().get(k);
                String key = term.equals("(Intercept)") ? group : group + ":" + term;
                out.putIfAbsent(key, vc.covariance()[k][k]);
            }
        }
        if (f.result().sigma2() != null) out.put("residual", f.result().sigma2());
        return out;
    }
}
