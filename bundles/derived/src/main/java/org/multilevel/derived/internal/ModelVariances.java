package org.multilevel.derived.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.VarianceComponent;
import org.multilevel.api.model.RandomTerm;

/**
 * The variance decomposition of a fitted model that ICC, design effect and R² share.
 *
 * <p>Residual variance on the scale of the linear predictor: σ² for a gaussian model; the distribution-specific
 * variance of the latent scale for binomial models (logit π²/3, probit 1, cloglog π²/6); for poisson (log link)
 * Nakagawa et al.'s (2017) log-normal approximation ln(1 + 1/λ), where we take λ, the expected count, as the
 * mean over the rows of exp(Xβ + ½·σ²_random), σ²_random being the random-effect variance below (no refit of a
 * null model).
 */
public final class ModelVariances {
    /** One grouping factor: its term(s), intercept variance (0 when it has no random intercept). */
    public record Factor(String group, RandomTerm term, double interceptVariance, boolean hasIntercept) {
    }

    /**
     * @param residual            residual variance (see the class comment)
     * @param residualDescription how it was obtained, for the report
     * @param randomVariance      mean over rows of diag(Z Σ Zᵀ): all random effects, slopes included
     */
    public record Decomposition(double residual, String residualDescription, List<Factor> factors,
                                double randomVariance, double fixedVariance) {
        public double interceptTotal() {
            double s = 0;
            for (Factor f : factors) s += f.interceptVariance();
            return s;
        }
    }

    private ModelVariances() {
    }

    public static Decomposition of(FittedModel model) {
        List<VarianceComponent> components = model.result().random();
        List<RandomTerm> terms = model.design().random();
        Map<String, Factor> factors = new LinkedHashMap<>();
        double randomVariance = 0;
        for (int c = 0; c < components.size(); c++) {
            VarianceComponent vc = components.get(c);
            RandomTerm term = termOf(vc, c, terms);
            randomVariance += meanQuadraticForm(term, vc.covariance());
            int intercept = vc.terms().indexOf("(Intercept)");
            double tau = intercept >= 0 ? vc.covariance()[intercept][intercept] : 0;
            Factor before = factors.get(term.group());
            factors.put(term.group(), new Factor(term.group(), before != null ? before.term() : term,
                    (before != null ? before.interceptVariance() : 0) + tau,
                    intercept >= 0 || before != null && before.hasIntercept()));
        }
        double[] eta = model.fixedPrediction();
        double fixedVariance = variance(eta);
        String family = model.result().family();
        String link = model.result().link();
        double residual;
        String description;
        switch (family) {
            case "binomial" -> {
                switch (link) {
                    case "probit" -> {
                        residual = 1;
                        description = "latent scale, probit link: 1";
                    }
                    case "cloglog" -> {
                        residual = Math.PI * Math.PI / 6;
                        description = "latent scale, cloglog link: pi^2/6";
                    }
                    default -> {
                        residual = Math.PI * Math.PI / 3;
                        description = "latent scale, logit link: pi^2/3";
                    }
                }
            }
            case "poisson" -> {
                double lambda = 0;
                for (double e : eta) lambda += Math.exp(e + 0.5 * randomVariance);
                lambda /= eta.length;
                residual = Math.log1p(1 / lambda);
                description = "poisson, log-normal approximation ln(1 + 1/lambda), lambda = mean exp(Xb + var/2) = "
                        + Fmt.num(lambda);
            }
            default -> {
                Double s2 = model.result().sigma2();
                residual = s2 == null ? Double.NaN : s2;
                description = "residual variance sigma^2";
            }
        }
        return new Decomposition(residual, description, new ArrayList<>(factors.values()), randomVariance,
                fixedVariance);
    }

    /** The design's term behind a variance component: same position, else same group (lme4's ".1" suffix). */
    static RandomTerm termOf(VarianceComponent vc, int index, List<RandomTerm> terms) {
        if (terms.size() == 0) throw new IllegalStateException("model has variance components but no random terms");
        if (index < terms.size() && terms.get(index).effectNames().equals(vc.terms())) return terms.get(index);
        String group = vc.group().replaceFirst("\\.\\d+$", "");
        for (RandomTerm t : terms) {
            if (t.group().equals(group) && t.effectNames().equals(vc.terms())) return t;
        }
        return terms.get(Math.min(index, terms.size() - 1));
    }

    /** Mean over rows of zᵢᵀ Σ zᵢ for one term. */
    static double meanQuadraticForm(RandomTerm term, double[][] sigma) {
        int q = term.effects();
        int n = term.levelOfRow().length;
        double[] z = term.z();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int a = 0; a < q; a++) {
                double za = z[i * q + a];
                if (za == 0) continue;
                for (int b = 0; b < q; b++) s += za * sigma[a][b] * z[i * q + b];
            }
            sum += s;
        }
        return sum / n;
    }

    /** Sample variance (n − 1), as R's var(). */
    public static double variance(double[] x) {
        double mean = Arrays.stream(x).sum() / x.length;
        double ss = 0;
        for (double v : x) ss += (v - mean) * (v - mean);
        return ss / (x.length - 1);
    }

    /** Rows per level of a term's grouping factor (levels without rows have 0). */
    public static int[] clusterSizes(RandomTerm term) {
        int[] sizes = new int[term.levelCount()];
        for (int level : term.levelOfRow()) sizes[level]++;
        return sizes;
    }

    /** Whether every level of {@code inner} lies within one level of {@code outer}. */
    public static boolean nestedIn(RandomTerm inner, RandomTerm outer) {
        int[] outerOf = new int[inner.levelCount()];
        Arrays.fill(outerOf, -1);
        int[] a = inner.levelOfRow();
        int[] b = outer.levelOfRow();
        for (int i = 0; i < a.length; i++) {
            if (outerOf[a[i]] < 0) outerOf[a[i]] = b[i];
            else if (outerOf[a[i]] != b[i]) return false;
        }
        return inner.levelCount() > outer.levelCount();
    }
}
