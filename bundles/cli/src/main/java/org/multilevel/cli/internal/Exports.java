package org.multilevel.cli.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import org.multilevel.api.analysis.AnalysisResult;
import org.multilevel.api.data.CategoricalColumn;
import org.multilevel.api.data.Column;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.NumericColumn;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.LevelModes;
import org.multilevel.api.fit.RandomEffectModes;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.FixedDesign;
import org.multilevel.api.model.Link;

/** The CSV files of --save-data, --save-ranef and --save-residuals. */
final class Exports {
    private Exports() {
    }

    static void save(Arguments a, Dataset data, AnalysisResult result, PrintStream err) {
        if (a.has("save-data")) {
            Output.writeFile(a.value("save-data"), modelData(data, result.model().design()));
            err.println("wrote " + a.value("save-data"));
        }
        if (a.has("save-ranef")) {
            Output.writeFile(a.value("save-ranef"), ranef(result.fit().ranef()));
            err.println("wrote " + a.value("save-ranef"));
        }
        if (a.has("save-residuals")) {
            Output.writeFile(a.value("save-residuals"), residuals(result.model()));
            err.println("wrote " + a.value("save-residuals"));
        }
    }

    /**
     * The rows the model used: the data set's columns, then the model's fixed-effects columns (so centered
     * and transformed variables are exported as the model saw them).
     */
    static String modelData(Dataset data, DesignMatrices design) {
        StringBuilder sb = new StringBuilder();
        FixedDesign x = design.fixed();
        StringBuilder header = new StringBuilder("row");
        for (Column c : data.columns()) header.append(',').append(csv(c.name()));
        for (String name : x.columnNames()) {
            if (!name.equals("(Intercept)")) header.append(',').append(csv("model:" + name));
        }
        sb.append(header).append('\n');
        int[] rows = design.dataRows();
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            sb.append(r + 1);
            for (Column c : data.columns()) {
                sb.append(',');
                if (c instanceof NumericColumn n) {
                    if (!n.isMissing(r)) sb.append(number(n.values()[r]));
                } else if (c instanceof CategoricalColumn cat) {
                    String level = cat.levelOf(r);
                    if (level != null) sb.append(csv(level));
                }
            }
            for (int j = 0; j < x.columns(); j++) {
                if (!x.columnNames().get(j).equals("(Intercept)")) sb.append(',').append(number(x.get(i, j)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String ranef(Map<String, RandomEffectModes> ranef) {
        StringBuilder sb = new StringBuilder("group,level,term,value,condSD\n");
        for (Map.Entry<String, RandomEffectModes> e : ranef.entrySet()) {
            List<String> terms = e.getValue().terms();
            for (LevelModes l : e.getValue().levels()) {
                for (int k = 0; k < terms.size(); k++) {
                    sb.append(csv(e.getKey())).append(',').append(csv(l.level())).append(',').append(csv(terms.get(k)))
                            .append(',').append(number(l.values()[k])).append(',')
                            .append(l.condSD() == null ? "" : number(l.condSD()[k])).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** Per model row: data row, response, fitted values with and without random effects, residual. */
    static String residuals(FittedModel model) {
        DesignMatrices d = model.design();
        double[] eta = model.conditionalPrediction();
        double[] etaFixed = model.fixedPrediction();
        Link link = d.spec().link();
        StringBuilder sb = new StringBuilder("row,observed,fitted,fittedFixed,residual\n");
        for (int i = 0; i < d.rows(); i++) {
            double mu = inverse(link, eta[i]);
            sb.append(d.dataRows()[i] + 1).append(',').append(number(d.y()[i])).append(',').append(number(mu))
                    .append(',').append(number(inverse(link, etaFixed[i]))).append(',').append(number(d.y()[i] - mu))
                    .append('\n');
        }
        return sb.toString();
    }

    /** The mean of the response from the linear predictor. */
    static double inverse(Link link, double eta) {
        return switch (link) {
            case IDENTITY -> eta;
            case LOGIT -> 1 / (1 + Math.exp(-eta));
            case PROBIT -> new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1)
                    .cumulativeProbability(eta);
            case CLOGLOG -> 1 - Math.exp(-Math.exp(eta));
            case LOG -> Math.exp(eta);
        };
    }

    static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
