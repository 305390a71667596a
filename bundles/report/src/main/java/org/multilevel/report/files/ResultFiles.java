package org.multilevel.report.files;

import java.util.List;
import java.util.Map;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.LevelModes;
import org.multilevel.api.fit.RandomEffectModes;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.report.internal.Residuals;

/**
 * CSV files of a fit, as HLM's residual files hold them: the conditional modes with their conditional SDs
 * per cluster ({@code --save-ranef}) and the fitted values and residuals per row ({@code --save-residuals}).
 * Numbers at full precision, empty where missing; comma-separated with a header line.
 */
public final class ResultFiles {
    private ResultFiles() {
    }

    /** group,level,term,mode,condSD - one line per level and random effect. */
    public static String ranefCsv(FitResult fit) {
        StringBuilder out = new StringBuilder("group,level,term,mode,condSD\n");
        for (Map.Entry<String, RandomEffectModes> e : fit.ranef().entrySet()) {
            List<String> terms = e.getValue().terms();
            for (LevelModes level : e.getValue().levels()) {
                for (int k = 0; k < terms.size(); k++) {
                    out.append(field(e.getKey())).append(',').append(field(level.level())).append(',')
                            .append(field(terms.get(k))).append(',').append(number(level.values()[k])).append(',')
                            .append(number(level.condSD() == null ? Double.NaN : level.condSD()[k])).append('\n');
                }
            }
        }
        return out.toString();
    }

    /**
     * row,observed,fitted,fixedFitted,residual,scaledResidual - one line per row the model used; {@code row} is
     * the 1-based data row, fitted values are on the response scale (with and without the conditional modes),
     * the scaled residual is (y - fitted) / sigma, or the Pearson residual for a GLMM.
     */
    public static String residualsCsv(FittedModel model) {
        DesignMatrices design = model.design();
        double[] fitted = Residuals.fittedResponse(model);
        double[] fixed = model.fixedPrediction();
        double[] scaled = Residuals.scaled(model);
        org.multilevel.api.model.Link link = link(model.result());
        StringBuilder out = new StringBuilder("row,observed,fitted,fixedFitted,residual,scaledResidual\n");
        for (int i = 0; i < design.rows(); i++) {
            int row = design.dataRows() == null ? i : design.dataRows()[i];
            double y = design.y()[i];
            out.append(row + 1).append(',').append(number(y)).append(',').append(number(fitted[i])).append(',')
                    .append(number(Residuals.inverseLink(link, fixed[i]))).append(',').append(number(y - fitted[i]))
                    .append(',').append(number(scaled[i])).append('\n');
        }
        return out.toString();
    }

    private static org.multilevel.api.model.Link link(FitResult fit) {
        try {
            return fit.link() == null ? org.multilevel.api.model.Link.IDENTITY : org.multilevel.api.model.Link.parse(fit.link());
        } catch (IllegalArgumentException e) {
            return org.multilevel.api.model.Link.IDENTITY;
        }
    }

    private static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    /** A CSV field, quoted when it holds a comma, quote or line break. */
    static String field(String text) {
        if (text == null) return "";
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) return text;
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
