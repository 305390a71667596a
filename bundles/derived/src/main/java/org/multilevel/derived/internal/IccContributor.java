package org.multilevel.derived.internal;

import java.util.ArrayList;
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
 * Intraclass correlation per grouping factor: its intercept variance over the total of all intercept variances
 * and the residual variance (the latent-scale variance for binomial models, see {@link ModelVariances}).
 * Random-slope variances are not in the total: with random slopes the ICC is that of rows whose covariates are
 * 0. For a factor nested in others (three-level models) it also gives the correlation of two rows in the same
 * cluster of that factor: its variance plus those of the factors it lies in, over the total.
 */
@Component(service = ResultContributor.class, property = "service.ranking:Integer=100")
public final class IccContributor implements ResultContributor {

    /** One factor's ICC. */
    public record FactorIcc(String group, double variance, double icc, Double withinClusterCorrelation) {
    }

    @Override
    public List<ResultSection> contribute(FittedModel model, Dataset data, AnalysisRequest request) {
        if (model.result().random().isEmpty()) return List.of();
        ModelVariances.Decomposition d = ModelVariances.of(model);
        // a zero intercept variance (singular fit) still has an ICC: 0
        if (!(d.residual() > 0) || d.factors().stream().noneMatch(ModelVariances.Factor::hasIntercept)) return List.of();
        List<FactorIcc> factors = icc(d);
        double total = d.interceptTotal() + d.residual();
        Map<String, Object> json = new LinkedHashMap<>();
        if (factors.size() == 1) json.put("icc", factors.get(0).icc());
        json.put("factors", factors);
        json.put("residualVariance", d.residual());
        json.put("residualScale", d.residualDescription());
        json.put("totalVariance", total);
        boolean slopes = hasSlopes(model);
        if (slopes) json.put("note", "random slopes present: the ICC is for rows with covariates at 0");

        boolean nested = factors.stream().anyMatch(f -> f.withinClusterCorrelation() != null);
        TextTable table = new TextTable(nested
                ? List.of("Group", "Variance", "ICC", "Within-cluster corr.")
                : List.of("Group", "Variance", "ICC"));
        for (FactorIcc f : factors) {
            List<String> row = new ArrayList<>(List.of(f.group(), Fmt.num(f.variance()), Fmt.num(f.icc())));
            if (nested) row.add(f.withinClusterCorrelation() == null ? "" : Fmt.num(f.withinClusterCorrelation()));
            table.addRow(row);
        }
        table.addRow(nested ? List.of("Residual", Fmt.num(d.residual()), "", "") : List.of("Residual", Fmt.num(d.residual()), ""));
        String text = table.render() + "Residual: " + d.residualDescription() + ".\n"
                + (slopes ? "Random slopes present: the ICC is for rows with covariates at 0.\n" : "");
        return List.of(new ResultSection("icc", "Intraclass correlation", json, text));
    }

    static List<FactorIcc> icc(ModelVariances.Decomposition d) {
        double total = d.interceptTotal() + d.residual();
        List<FactorIcc> out = new ArrayList<>();
        for (ModelVariances.Factor f : d.factors()) {
            if (!f.hasIntercept()) continue;
            double within = f.interceptVariance();
            boolean nested = false;
            for (ModelVariances.Factor outer : d.factors()) {
                if (outer != f && ModelVariances.nestedIn(f.term(), outer.term())) {
                    within += outer.interceptVariance();
                    nested = true;
                }
            }
            out.add(new FactorIcc(f.group(), f.interceptVariance(), f.interceptVariance() / total,
                    nested ? within / total : null));
        }
        return out;
    }

    static boolean hasSlopes(FittedModel model) {
        return model.result().random().stream().anyMatch(vc -> vc.terms().stream().anyMatch(t -> !t.equals("(Intercept)")));
    }
}
