package org.multilevel.inference.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.ResultContributor;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.inference.VarianceChiSquare;
import org.osgi.service.component.annotations.Component;

/**
 * Adds the section "varianceChiSquare" (HLM's chi-square test that each random coefficient's variance is zero,
 * from per-cluster OLS) when the request option "tau-test" is true, for gaussian two-level models.
 */
@Component(service = ResultContributor.class, property = "service.ranking:Integer=44")
public final class VarianceChiSquareContributor implements ResultContributor {

    @Override
    public List<ResultSection> contribute(FittedModel model, Dataset data, AnalysisRequest request) {
        if (request == null || !request.flag("tau-test")) return List.of();
        Double sigma2 = model.result().sigma2();
        if (sigma2 == null) return List.of();
        List<VarianceChiSquare.Result> results = VarianceChiSquare.test(model.design(), model.beta(), sigma2);
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-20s %12s %6s %11s%n", "Random effect",
                "Chi-square", "df", "p-value"));
        for (VarianceChiSquare.Result r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("coefficient", r.coefficient());
            m.put("chisq", r.chiSquare());
            m.put("df", r.df());
            m.put("p", r.p());
            rows.add(m);
            text.append(String.format(Locale.ROOT, "%-20s %12.2f %6d %11s%n", r.coefficient(), r.chiSquare(), r.df(),
                    r.p() > 0.5 ? ">.500" : String.format(Locale.ROOT, "%.3g", r.p())));
        }
        int used = results.isEmpty() ? 0 : results.get(0).clustersUsed();
        int all = results.isEmpty() ? 0 : results.get(0).clusters();
        text.append("Based on ").append(used).append(" of ").append(all)
                .append(" clusters with sufficient data for per-cluster OLS.\n");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("clustersUsed", used);
        json.put("clusters", all);
        json.put("tests", rows);
        return List.of(new ResultSection("varianceChiSquare", "Chi-square tests of variance components (HLM)", json,
                text.toString()));
    }
}
