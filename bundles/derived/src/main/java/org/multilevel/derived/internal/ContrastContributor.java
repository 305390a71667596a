package org.multilevel.derived.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.ResultContributor;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.fit.ContrastTest;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.model.DesignMatrices;
import org.osgi.service.component.annotations.Component;

/**
 * The linear combinations of fixed effects the request names ({@code --contrast "contextual=meanses - cses"}),
 * each tested with the fitted model's own test and the request's denominator-df method: estimate, SE, df,
 * statistic (t, or z when asymptotic) and p.
 */
@Component(service = ResultContributor.class, property = "service.ranking:Integer=60")
public final class ContrastContributor implements ResultContributor {

    /** One contrast's test; df null for an asymptotic (z) test. */
    public record ContrastResult(String name, String expression, Map<String, Double> weights, double estimate,
                                 double se, Double df, double statistic, double p) {
    }

    /** Every contrast must read and name fixed effects of this model, checked before the fit. */
    @Override
    public void checkRequest(DesignMatrices design, AnalysisRequest request) {
        if (request == null) return;
        for (String spec : request.contrasts()) ContrastParser.parse(spec, design.fixed().columnNames());
    }

    @Override
    public List<ResultSection> contribute(FittedModel model, Dataset data, AnalysisRequest request) {
        if (request == null || request.contrasts().isEmpty()) return List.of();
        List<String> terms = model.design().fixed().columnNames();
        List<ContrastParser.Contrast> contrasts = new ArrayList<>();
        for (String spec : request.contrasts()) contrasts.add(ContrastParser.parse(spec, terms));
        DdfMethod ddf = request.fit() != null && request.fit().ddf() != null ? request.fit().ddf() : DdfMethod.SATTERTHWAITE;
        List<ContrastResult> results = new ArrayList<>();
        for (ContrastParser.Contrast c : contrasts) {
            ContrastTest test = model.test(new double[][] {c.weights()}, ddf);
            Map<String, Double> weights = new LinkedHashMap<>();
            for (int j = 0; j < terms.size(); j++) {
                if (c.weights()[j] != 0) weights.put(terms.get(j), c.weights()[j]);
            }
            Double df = Double.isFinite(test.denDf()) ? test.denDf() : null;
            results.add(new ContrastResult(c.name(), c.expression(), weights, test.estimate(), test.se(), df,
                    test.statistic(), test.p()));
        }
        String statistic = results.stream().allMatch(r -> r.df() == null) ? "z" : "t";
        TextTable table = new TextTable(List.of("Contrast", "Estimate", "Std. Error", "df", statistic + " value",
                "Pr(>|" + statistic + "|)"));
        for (ContrastResult r : results) {
            String label = r.name().equals(r.expression()) ? r.name() : r.name() + " = " + r.expression();
            table.addRow(label, Fmt.num(r.estimate()), Fmt.num(r.se()), Fmt.df(r.df()), Fmt.num(r.statistic()),
                    Fmt.p(r.p()));
        }
        return List.of(new ResultSection("contrasts", "Contrasts of fixed effects (" + ddf.label() + " df)", results,
                table.render()));
    }
}
