package org.multilevel.analysis.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.FixedEffect;
import org.multilevel.report.text.SideBySide;

/**
 * The compared models side by side (estimates with SEs, N, groups, logLik, AIC, BIC), named m0, m1, ... as
 * the likelihood-ratio table names them. The Comparison carries model summaries only, so the table is made
 * here, where the fits are.
 */
final class SideBySideSection {
    static final String KEY = "sideBySide";

    private SideBySideSection() {
    }

    /**
     * @param ordered the fits in the order of the comparison (fewest parameters first)
     * @param summary per model, the ICC and R² the contributors computed for it ("ICC", "R² marginal", ...);
     *                NaN where a model has none
     */
    static ResultSection of(List<FittedModel> ordered, Map<String, double[]> summary) {
        List<String> names = new ArrayList<>();
        List<FitResult> fits = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int m = 0; m < ordered.size(); m++) {
            FitResult r = ordered.get(m).result();
            names.add("m" + m);
            fits.add(r);
            for (FixedEffect f : r.fixed()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("model", "m" + m);
                row.put("term", f.term());
                row.put("estimate", f.estimate());
                row.put("se", f.se());
                row.put("p", f.p());
                rows.add(row);
            }
        }
        String method = fits.get(0).method();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("coefficients", rows);
        Map<String, Object> footer = new LinkedHashMap<>();
        summary.forEach((label, values) -> {
            List<Double> column = new ArrayList<>();
            for (double v : values) column.add(Double.isNaN(v) ? null : v);
            footer.put(label, column);
        });
        json.put("summary", footer);
        return new ResultSection(KEY, "Models side by side (" + method + " fits)", json,
                SideBySide.table(names, fits, summary).render());
    }
}
