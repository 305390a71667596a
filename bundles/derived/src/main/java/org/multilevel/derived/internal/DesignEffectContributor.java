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
 * Design effect per grouping factor (Snijders and Bosker): with N rows in J clusters, the mean cluster size
 * n̄ = N / J, deff = 1 + (n̄ − 1)·ICC and effective N = N / deff; for unequal cluster sizes the same with
 * n₀ = (N − Σ n_j² / N) / (J − 1) in place of n̄. The ICC is the factor's, as the icc section reports it.
 */
@Component(service = ResultContributor.class, property = "service.ranking:Integer=90")
public final class DesignEffectContributor implements ResultContributor {

    /** One factor's design effect. */
    public record FactorDesignEffect(String group, int clusters, int n, double icc, double meanClusterSize,
                                     double designEffect, double effectiveN, double n0, double designEffectUnequal,
                                     double effectiveNUnequal) {
    }

    @Override
    public List<ResultSection> contribute(FittedModel model, Dataset data, AnalysisRequest request) {
        if (model.result().random().isEmpty()) return List.of();
        ModelVariances.Decomposition d = ModelVariances.of(model);
        // a zero intercept variance (singular fit) still has an ICC: 0
        if (!(d.residual() > 0) || d.factors().stream().noneMatch(ModelVariances.Factor::hasIntercept)) return List.of();
        List<IccContributor.FactorIcc> iccs = IccContributor.icc(d);
        List<FactorDesignEffect> effects = new ArrayList<>();
        for (IccContributor.FactorIcc icc : iccs) {
            ModelVariances.Factor factor = d.factors().stream().filter(f -> f.group().equals(icc.group())).findFirst()
                    .orElseThrow();
            effects.add(designEffect(icc.group(), ModelVariances.clusterSizes(factor.term()), icc.icc()));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        if (effects.size() == 1) {
            FactorDesignEffect e = effects.get(0);
            json.put("designEffect", e.designEffect());
            json.put("effectiveN", e.effectiveN());
        }
        json.put("factors", effects);
        TextTable table = new TextTable(List.of("Group", "Clusters", "Mean size", "ICC", "Deff", "Eff. N", "n0",
                "Deff(n0)", "Eff. N(n0)"));
        for (FactorDesignEffect e : effects) {
            table.addRow(e.group(), Integer.toString(e.clusters()), Fmt.num(e.meanClusterSize()), Fmt.num(e.icc()),
                    Fmt.num(e.designEffect()), String.format(java.util.Locale.ROOT, "%.1f", e.effectiveN()),
                    Fmt.num(e.n0()), Fmt.num(e.designEffectUnequal()),
                    String.format(java.util.Locale.ROOT, "%.1f", e.effectiveNUnequal()));
        }
        return List.of(new ResultSection("designEffect", "Design effect", json,
                table.render() + "Deff = 1 + (mean cluster size - 1) * ICC; n0 = (N - sum n_j^2 / N) / (J - 1).\n"));
    }

    /** The design effect of clusters of the given sizes (clusters of size 0 are not counted). */
    static FactorDesignEffect designEffect(String group, int[] sizes, double icc) {
        int clusters = 0;
        long n = 0;
        double squares = 0;
        for (int s : sizes) {
            if (s == 0) continue;
            clusters++;
            n += s;
            squares += (double) s * s;
        }
        double mean = (double) n / clusters;
        double deff = 1 + (mean - 1) * icc;
        double n0 = clusters > 1 ? (n - squares / n) / (clusters - 1) : mean;
        double deff0 = 1 + (n0 - 1) * icc;
        return new FactorDesignEffect(group, clusters, (int) n, icc, mean, deff, n / deff, n0, deff0, n / deff0);
    }
}
