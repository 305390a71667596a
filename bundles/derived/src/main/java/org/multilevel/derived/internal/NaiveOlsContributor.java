package org.multilevel.derived.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.ResultContributor;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.fit.FixedEffect;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.model.FixedDesign;
import org.multilevel.derived.OlsCoefficient;
import org.multilevel.derived.OlsFit;
import org.osgi.service.component.annotations.Component;

/**
 * With the option {@code compare-ols=true}: the single-level OLS fit of the same fixed part on the same rows,
 * ignoring the clustering, beside the multilevel estimates, so a user sees how much the naive standard errors
 * are understated (the ratio of the multilevel SE to the OLS SE). Gaussian models only.
 */
@Component(service = ResultContributor.class, property = "service.ranking:Integer=50")
public final class NaiveOlsContributor implements ResultContributor {
    public static final String OPTION = "compare-ols";

    /** One term: OLS and multilevel estimates and SEs side by side. */
    public record Comparison(String term, Double olsEstimate, Double olsSe, Double estimate, Double se,
                             Double seRatio) {
    }

    @Override
    public List<ResultSection> contribute(FittedModel model, Dataset data, AnalysisRequest request) {
        if (request == null || !request.flag(OPTION)) return List.of();
        if (!"gaussian".equals(model.result().family())) {
            throw new MultilevelException("the naive OLS comparison (compare-ols) is offered for gaussian models only");
        }
        FixedDesign x = model.design().fixed();
        OlsFit ols = OlsFit.fit(x.values(), model.design().rows(), x.columns(), model.design().y(), x.columnNames());
        List<Comparison> rows = new ArrayList<>();
        for (OlsCoefficient c : ols.coefficients()) {
            FixedEffect fe = model.result().fixed().stream().filter(f -> f.term().equals(c.term())).findFirst()
                    .orElse(null);
            Double se = fe == null ? null : fe.se();
            Double ratio = se != null && c.se() != null && c.se() > 0 ? se / c.se() : null;
            rows.add(new Comparison(c.term(), c.estimate(), c.se(), fe == null ? null : fe.estimate(), se, ratio));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("n", ols.n());
        json.put("residualDf", ols.residualDf());
        json.put("sigma2", ols.sigma() == null ? null : ols.sigma() * ols.sigma());
        json.put("r2", ols.r2());
        json.put("adjR2", ols.adjR2());
        json.put("coefficients", ols.coefficients());
        json.put("comparison", rows);

        TextTable table = new TextTable(List.of("Term", "OLS est.", "OLS SE", "t", "Pr(>|t|)", "Multilevel est.",
                "Multilevel SE", "SE ratio"));
        for (int j = 0; j < rows.size(); j++) {
            Comparison r = rows.get(j);
            OlsCoefficient c = ols.coefficients().get(j);
            table.addRow(r.term(), Fmt.num(r.olsEstimate()), Fmt.num(r.olsSe()), Fmt.num(c.statistic()), Fmt.p(c.p()),
                    Fmt.num(r.estimate()), Fmt.num(r.se()), Fmt.num(r.seRatio()));
        }
        String text = table.render() + String.format(java.util.Locale.ROOT,
                "OLS ignoring the clustering: n = %d, residual df = %d, sigma^2 = %s, R2 = %s.%n"
                        + "SE ratio = multilevel SE / OLS SE; above 1 the naive SE is understated.%n",
                ols.n(), ols.residualDf(), Fmt.num((Double) json.get("sigma2")), Fmt.num(ols.r2()));
        return List.of(new ResultSection("naiveOls", "Naive single-level OLS", json, text));
    }
}
