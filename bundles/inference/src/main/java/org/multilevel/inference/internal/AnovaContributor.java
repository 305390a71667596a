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
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.inference.AnovaTable;
import org.osgi.service.component.annotations.Component;

/**
 * Adds the section "anova" (types II or III F tests of every fixed term, with the request's ddf method) when
 * the request's option "anova" is 2, 3, II, III or true (= III). JSON: {"type", "ddf", "table": [{"term",
 * "numDf", "denDf", "F", "p"}]}, denDf null for an asymptotic test.
 */
@Component(service = ResultContributor.class, property = "service.ranking:Integer=50")
public final class AnovaContributor implements ResultContributor {

    @Override
    public List<ResultSection> contribute(FittedModel model, Dataset data, AnalysisRequest request) {
        if (request == null) return List.of();
        String option = request.options().get("anova");
        if (option == null || option.isBlank() || option.equalsIgnoreCase("false")) return List.of();
        AnovaTable.Type type = AnovaTable.Type.parse(option);
        DdfMethod ddf = request.fit() != null && request.fit().ddf() != null ? request.fit().ddf()
                : DdfMethod.SATTERTHWAITE;
        List<AnovaTable.Row> rows = AnovaTable.compute(model, type, ddf, data);
        List<Map<String, Object>> table = new ArrayList<>();
        for (AnovaTable.Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("term", r.term());
            m.put("numDf", r.numDf());
            m.put("denDf", Double.isFinite(r.denDf()) ? r.denDf() : null);
            m.put("F", r.f());
            m.put("p", r.p());
            table.add(m);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type.name());
        json.put("ddf", ddf.label());
        json.put("table", table);
        String title = "Type " + type.name() + " analysis of variance (" + ddf.label() + " df)";
        return List.of(new ResultSection("anova", title, json, text(rows)));
    }

    static String text(List<AnovaTable.Row> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"", "NumDF", "DenDF", "F value", "Pr(>F)"});
        for (AnovaTable.Row r : rows) {
            cells.add(new String[] {r.term(), fmtDf(r.numDf()), fmtDf(r.denDf()),
                    String.format(Locale.ROOT, "%.4f", r.f()), fmtP(r.p())});
        }
        int[] width = new int[5];
        for (String[] row : cells) for (int c = 0; c < 5; c++) width[c] = Math.max(width[c], row[c].length());
        StringBuilder sb = new StringBuilder();
        for (String[] row : cells) {
            sb.append(String.format(Locale.ROOT, "%-" + width[0] + "s", row[0]));
            for (int c = 1; c < 5; c++) sb.append("  ").append(String.format(Locale.ROOT, "%" + width[c] + "s", row[c]));
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String fmtDf(double df) {
        if (!Double.isFinite(df)) return "Inf";
        if (Math.abs(df - Math.rint(df)) < 1e-6) return Long.toString(Math.round(df));
        return String.format(Locale.ROOT, "%.2f", df);
    }

    private static String fmtP(double p) {
        if (p < 2.2e-16) return "< 2.2e-16";
        if (p < 1e-4) return String.format(Locale.ROOT, "%.2e", p);
        return String.format(Locale.ROOT, "%.4f", p);
    }
}
