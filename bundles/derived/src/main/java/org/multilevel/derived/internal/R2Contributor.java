package org.multilevel.derived.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.ResultContributor;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.fit.FittedModel;
import org.osgi.service.component.annotations.Component;

/**
 * R² of a mixed model. Nakagawa and Schielzeth's marginal R² = var(Xβ) / (var(Xβ) + σ²_random + σ²_residual)
 * and conditional R² = (var(Xβ) + σ²_random) / (same total), with σ²_random the mean over rows of
 * diag(Z Σ Zᵀ) (Johnson's extension to random slopes) and var(Xβ) the sample variance (n − 1) of the fixed
 * prediction; the residual variance is on the latent scale for binomial and poisson models (see
 * {@link ModelVariances}). Total R²: the squared correlation of the observed y with the fixed-effects
 * prediction (on the response scale: through the inverse link for a generalized model).
 */
@Component(service = ResultContributor.class, property = "service.ranking:Integer=80")
public final class R2Contributor implements ResultContributor {

    @Override
    public List<ResultSection> contribute(FittedModel model, Dataset data, AnalysisRequest request) {
        ModelVariances.Decomposition d = ModelVariances.of(model);
        if (!(d.residual() > 0)) return List.of();
        double total = d.fixedVariance() + d.randomVariance() + d.residual();
        double marginal = d.fixedVariance() / total;
        double conditional = (d.fixedVariance() + d.randomVariance()) / total;
        double[] y = model.design().y();
        double[] prediction = responseScale(model.fixedPrediction(), model.result().link());
        double r = correlation(y, prediction);
        Double totalR2 = Double.isFinite(r) ? r * r : null;

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("marginal", marginal);
        json.put("conditional", conditional);
        json.put("total", totalR2);
        json.put("fixedVariance", d.fixedVariance());
        json.put("randomVariance", d.randomVariance());
        json.put("residualVariance", d.residual());
        json.put("residualScale", d.residualDescription());
        json.put("method", "Nakagawa & Schielzeth; random slopes by the mean of diag(Z Sigma Z'); "
                + "total = squared correlation of y with the fixed prediction");
        TextTable table = new TextTable(List.of("", "R2"));
        table.addRow("Marginal (fixed effects)", Fmt.num(marginal));
        table.addRow("Conditional (fixed + random)", Fmt.num(conditional));
        table.addRow("Total (cor(y, fixed prediction)^2)", Fmt.num(totalR2));
        String text = table.render() + String.format(java.util.Locale.ROOT,
                "Variances: fixed %s, random %s, residual %s (%s).%n", Fmt.num(d.fixedVariance()),
                Fmt.num(d.randomVariance()), Fmt.num(d.residual()), d.residualDescription());
        return List.of(new ResultSection("r2", "R-squared", json, text));
    }

    static double[] responseScale(double[] eta, String link) {
        double[] mu = new double[eta.length];
        org.apache.commons.math3.distribution.NormalDistribution normal =
                new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1);
        for (int i = 0; i < eta.length; i++) {
            double e = eta[i];
            mu[i] = switch (link) {
                case "logit" -> 1 / (1 + Math.exp(-e));
                case "probit" -> normal.cumulativeProbability(e);
                case "cloglog" -> -Math.expm1(-Math.exp(e));
                case "log" -> Math.exp(e);
                default -> e;
            };
        }
        return mu;
    }

    static double correlation(double[] a, double[] b) {
        int n = a.length;
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
