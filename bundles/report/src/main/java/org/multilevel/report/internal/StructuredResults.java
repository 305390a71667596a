package org.multilevel.report.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.multilevel.api.analysis.AnalysisResult;
import org.multilevel.api.analysis.Comparison;
import org.multilevel.api.analysis.LikelihoodRatioTest;
import org.multilevel.api.analysis.ModelSummary;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.FixedEffect;
import org.multilevel.api.fit.VarianceComponent;
import org.multilevel.api.model.RandomTerm;
import org.multilevel.api.results.ColumnType;
import org.multilevel.api.results.Footnote;
import org.multilevel.api.results.ResultContainer;
import org.multilevel.api.results.ResultElement;
import org.multilevel.api.results.ResultPlot;
import org.multilevel.api.results.ResultTable;
import org.multilevel.api.results.Results;
import org.multilevel.api.results.TableColumn;

/**
 * Builds the structured results (tables, footnotes, plots) of an analysis or a comparison for hosts. Numbers
 * are kept at full precision; a missing or non-finite value is null; the columns carry format hints.
 */
public final class StructuredResults {
    private static final double Z975 = 1.959963984540054;
    private static final String EST = "sf:4";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StructuredResults() {
    }

    public static Results of(AnalysisResult result) {
        FittedModel model = result.model();
        FitResult fit = model.result();
        List<ResultElement> elements = new ArrayList<>();
        elements.add(modelInformation(result));
        ResultTable groups = groups(model);
        if (groups != null) elements.add(groups);
        elements.add(modelFit(fit, result.sections()));
        elements.add(fixedEffects(fit));
        elements.add(varianceComponents(model));
        List<ResultElement> derived = sectionTables(result.sections());
        if (!derived.isEmpty()) elements.add(new ResultContainer("Derived quantities", derived));
        List<ResultElement> plots = new ArrayList<>();
        String predictor = result.request() == null ? null : result.request().options().get("plot-predictor");
        for (Plots.Plot p : Plots.all(model, predictor)) {
            plots.add(new ResultPlot(p.id(), p.title(), p.caption(), p.svg(), p.png()));
        }
        if (!plots.isEmpty()) elements.add(new ResultContainer("Plots", plots));
        return new Results(FitTables.title(result), elements);
    }

    public static Results of(Comparison comparison) {
        List<ResultElement> elements = new ArrayList<>();
        List<TableColumn> columns = List.of(TableColumn.string("model", "Model"), TableColumn.string("formula", "Formula"),
                TableColumn.string("method", "Method"), TableColumn.integer("nobs", "N"),
                TableColumn.integer("npar", "npar"), TableColumn.number("aic", "AIC", "dp:2"),
                TableColumn.number("bic", "BIC", "dp:2"), TableColumn.number("logLik", "logLik", "dp:2"),
                TableColumn.number("deviance", "Deviance", "dp:2"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < comparison.models().size(); i++) {
            ModelSummary m = comparison.models().get(i);
            rows.add(row("model", ComparisonTables.name(i), "formula", m.formula(), "method", m.method(), "nobs", m.nobs(),
                    "npar", m.npar(), "aic", num(m.aic()), "bic", num(m.bic()), "logLik", num(m.logLik()),
                    "deviance", num(m.deviance())));
        }
        List<Footnote> modelNotes = new ArrayList<>();
        for (String w : comparison.warnings()) modelNotes.add(Footnote.table(w));
        elements.add(new ResultTable("models", "Models", columns, rows, modelNotes));

        boolean mixture = comparison.tests().stream().anyMatch(t -> t.pMixture() != null);
        List<TableColumn> testColumns = new ArrayList<>(List.of(TableColumn.string("from", "From"),
                TableColumn.string("to", "To"), TableColumn.number("chisq", "Chi-square", "dp:3"),
                TableColumn.integer("df", "df"), TableColumn.pvalue("p", "p")));
        if (mixture) testColumns.add(TableColumn.pvalue("pMixture", "p (chi-bar-square mixture)"));
        List<Map<String, Object>> testRows = new ArrayList<>();
        for (LikelihoodRatioTest t : comparison.tests()) {
            Map<String, Object> r = row("from", ComparisonTables.name(t.from()), "to", ComparisonTables.name(t.to()),
                    "chisq", num(t.chisq()), "df", t.df(), "p", num(t.p()));
            if (mixture) r.put("pMixture", t.pMixture() == null ? null : num(t.pMixture()));
            testRows.add(r);
        }
        List<Footnote> testNotes = new ArrayList<>();
        if (mixture) {
            testNotes.add(Footnote.column("Models that differ only in variance terms are tested against an equal "
                    + "mixture of chi-square distributions (the variance lies on the boundary under the null).", "pMixture"));
        }
        elements.add(new ResultTable("likelihoodRatioTests", "Likelihood-ratio tests", testColumns, testRows, testNotes));
        elements.addAll(sectionTables(comparison.sections()));
        return new Results("Model comparison", elements);
    }

    public static Results of(String title, List<ResultSection> sections) {
        return new Results(title, sectionTables(sections));
    }

    static ResultTable modelInformation(AnalysisResult result) {
        FitResult fit = result.fit();
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row("property", "Formula", "value", fit.formula()));
        rows.add(row("property", "Family (link)", "value", fit.family() + " (" + fit.link() + ")"));
        rows.add(row("property", "Method", "value", fit.method()));
        rows.add(row("property", "Estimator", "value", fit.estimator()));
        if (fit.optimizer() != null) {
            rows.add(row("property", "Optimizer", "value", fit.optimizer().name() + ", " + fit.optimizer().evaluations()
                    + " evaluations"));
        }
        rows.add(row("property", "Converged", "value", fit.converged() ? "yes" : "no"));
        rows.add(row("property", "Tests", "value", FitTables.testsLabel(fit)));
        rows.add(row("property", "Observations", "value", Integer.toString(fit.nobs())));
        List<Footnote> notes = new ArrayList<>();
        int convergedRow = 5 - (fit.optimizer() == null ? 1 : 0);
        if (!fit.converged() && fit.optimizer() != null && fit.optimizer().message() != null) {
            notes.add(Footnote.cell(fit.optimizer().message(), "value", convergedRow));
        }
        for (String w : FitTables.warnings(result.model())) {
            if (!isSingularWarning(w)) notes.add(Footnote.table(w));
        }
        return new ResultTable("modelInformation", "Model information",
                List.of(TableColumn.string("property", ""), TableColumn.string("value", "")), rows, notes);
    }

    /** Levels and min/mean/max cluster size of each grouping factor; null without a design. */
    static ResultTable groups(FittedModel model) {
        if (model.design() == null || model.result().groups().isEmpty()) return null;
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (RandomTerm term : model.design().random()) {
            if (seen.contains(term.group())) continue;
            seen.add(term.group());
            int[] size = new int[term.levelCount()];
            for (int level : term.levelOfRow()) size[level]++;
            int min = Integer.MAX_VALUE, max = 0;
            for (int s : size) {
                min = Math.min(min, s);
                max = Math.max(max, s);
            }
            rows.add(row("group", term.group(), "levels", size.length, "min", min,
                    "mean", (double) term.levelOfRow().length / Math.max(1, size.length), "max", max));
        }
        return new ResultTable("groups", "Groups", List.of(TableColumn.string("group", "Group"),
                TableColumn.integer("levels", "Levels"), TableColumn.integer("min", "Min. size"),
                TableColumn.number("mean", "Mean size", "dp:1"), TableColumn.integer("max", "Max. size")), rows, List.of());
    }

    static ResultTable modelFit(FitResult fit, List<ResultSection> sections) {
        List<TableColumn> columns = new ArrayList<>(List.of(TableColumn.number("logLik", "logLik", "dp:2"),
                TableColumn.number("deviance", "Deviance", "dp:2"), TableColumn.integer("npar", "npar"),
                TableColumn.number("aic", "AIC", "dp:2"), TableColumn.number("bic", "BIC", "dp:2"),
                TableColumn.integer("dfResid", "df.resid")));
        Map<String, Object> r = row("logLik", num(fit.logLik()), "deviance", num(fit.deviance()), "npar", fit.npar(),
                "aic", num(fit.aic()), "bic", num(fit.bic()), "dfResid", fit.nobs() - fit.npar());
        List<Footnote> notes = new ArrayList<>();
        if (fit.remlCriterion() != null) {
            columns.add(TableColumn.number("remlCriterion", "REML criterion", "dp:2"));
            r.put("remlCriterion", num(fit.remlCriterion()));
            notes.add(Footnote.column("The deviance is -2 logLik at the REML estimates; compare models that differ in "
                    + "their fixed effects by ML fits.", "deviance"));
        }
        for (ResultSection s : sections) {
            JsonNode json = MAPPER.valueToTree(s.json());
            if ("r2".equals(s.key()) && json.isObject()) {
                columns.add(TableColumn.number("r2Marginal", "R² marginal", "dp:3"));
                columns.add(TableColumn.number("r2Conditional", "R² conditional", "dp:3"));
                r.put("r2Marginal", scalar(json.get("marginal")));
                r.put("r2Conditional", scalar(json.get("conditional")));
                notes.add(Footnote.column("R² of Nakagawa & Schielzeth: marginal (fixed effects) and conditional "
                        + "(fixed + random effects).", "r2Marginal"));
            } else if ("icc".equals(s.key()) && json.isObject() && json.get("factors") != null) {
                JsonNode factors = json.get("factors");
                for (JsonNode f : factors) {
                    String group = f.path("group").asText();
                    String name = factors.size() == 1 ? "icc" : "icc." + group;
                    columns.add(TableColumn.number(name, factors.size() == 1 ? "ICC" : "ICC (" + group + ")", "dp:3"));
                    r.put(name, scalar(f.get("icc")));
                }
                if (json.has("note")) notes.add(Footnote.column(json.get("note").asText(), factors.size() == 1 ? "icc"
                        : "icc." + factors.get(0).path("group").asText()));
            }
        }
        return new ResultTable("modelFit", "Model fit", columns, List.of(r), notes);
    }

    static ResultTable fixedEffects(FitResult fit) {
        boolean z = FitTables.zTests(fit);
        List<TableColumn> columns = new ArrayList<>(List.of(TableColumn.string("term", "Term"),
                TableColumn.number("estimate", "Estimate", EST), TableColumn.number("se", "SE", EST)));
        if (!z) columns.add(TableColumn.number("df", "df", "dp:2"));
        columns.add(TableColumn.number("statistic", z ? "z" : "t", "dp:3"));
        columns.add(TableColumn.pvalue("p", "p"));
        columns.add(TableColumn.number("lower", "95% CI lower", EST));
        columns.add(TableColumn.number("upper", "95% CI upper", EST));
        String ratio = FitTables.ratioName(fit);
        if (ratio != null) {
            columns.add(TableColumn.number("ratio", ratio, EST));
            columns.add(TableColumn.number("ratioLower", ratio + " lower", EST));
            columns.add(TableColumn.number("ratioUpper", ratio + " upper", EST));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (FixedEffect f : fit.fixed()) {
            Map<String, Object> r = row("term", f.term(), "estimate", num(f.estimate()), "se", num(f.se()));
            if (!z) r.put("df", f.df() == null ? null : num(f.df()));
            r.put("statistic", num(f.statistic()));
            r.put("p", num(f.p()));
            double lower = Double.isFinite(f.lower()) ? f.lower() : f.estimate() - Z975 * f.se();
            double upper = Double.isFinite(f.upper()) ? f.upper() : f.estimate() + Z975 * f.se();
            r.put("lower", num(lower));
            r.put("upper", num(upper));
            if (ratio != null) {
                r.put("ratio", num(Math.exp(f.estimate())));
                r.put("ratioLower", num(Math.exp(lower)));
                r.put("ratioUpper", num(Math.exp(upper)));
            }
            rows.add(r);
        }
        List<Footnote> notes = new ArrayList<>();
        notes.add(Footnote.column(capitalize(FitTables.testsLabel(fit)) + ".", z ? "statistic" : "df"));
        if (ratio != null) {
            notes.add(Footnote.column(ratio + ": exp(estimate), with the exponentiated 95% interval.", "ratio"));
        }
        return new ResultTable("fixedEffects", "Fixed effects", columns, rows, notes);
    }

    static ResultTable varianceComponents(FittedModel model) {
        FitResult fit = model.result();
        int maxTerms = 1;
        for (VarianceComponent vc : fit.random()) maxTerms = Math.max(maxTerms, vc.terms().size());
        List<TableColumn> columns = new ArrayList<>(List.of(TableColumn.string("group", "Group"),
                TableColumn.string("term", "Term"), TableColumn.number("variance", "Variance", EST),
                TableColumn.number("sd", "SD", EST)));
        for (int j = 1; j < maxTerms; j++) {
            columns.add(TableColumn.number("corr" + j, maxTerms == 2 ? "Correlation" : "Correlation " + j, "dp:2"));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Footnote> notes = new ArrayList<>();
        for (VarianceComponent vc : fit.random()) {
            for (int k = 0; k < vc.terms().size(); k++) {
                double variance = vc.covariance()[k][k];
                Map<String, Object> r = row("group", vc.group(), "term", vc.terms().get(k), "variance", num(variance),
                        "sd", num(Math.sqrt(Math.max(0, variance))));
                for (int j = 1; j < maxTerms; j++) r.put("corr" + j, j <= k ? num(vc.correlation(k, j - 1)) : null);
                if (fit.singular() && variance <= 1e-10 * Math.max(1e-300, scale(fit))) {
                    notes.add(Footnote.cell("Estimated as zero (on the boundary of the parameter space).", "variance",
                            rows.size()));
                }
                for (int j = 0; j < k; j++) {
                    double c = vc.correlation(k, j);
                    if (fit.singular() && Double.isFinite(c) && Math.abs(c) > 1 - 1e-6) {
                        notes.add(Footnote.cell("Correlation estimated as " + (c > 0 ? "+1" : "-1")
                                + " (on the boundary of the parameter space).", "corr" + (j + 1), rows.size()));
                    }
                }
                rows.add(r);
            }
        }
        if (fit.sigma2() != null) {
            Map<String, Object> r = row("group", "Residual", "term", "", "variance", num(fit.sigma2()),
                    "sd", num(Math.sqrt(fit.sigma2())));
            for (int j = 1; j < maxTerms; j++) r.put("corr" + j, null);
            rows.add(r);
        }
        for (String w : FitTables.warnings(model)) {
            if (isSingularWarning(w)) notes.add(0, Footnote.table(w));
        }
        return new ResultTable("varianceComponents", "Variance components", columns, rows, notes);
    }

    /** The tabular parts of each section: a list of records becomes a table, an object's scalars a two-column one. */
    static List<ResultElement> sectionTables(List<ResultSection> sections) {
        List<ResultElement> out = new ArrayList<>();
        for (ResultSection s : sections) {
            String title = s.title() == null ? s.key() : s.title();
            JsonNode json = MAPPER.valueToTree(s.json());
            List<ResultElement> tables = new ArrayList<>();
            if (isRecordList(json)) {
                tables.add(recordTable(s.key(), title, json));
            } else if (json.isObject()) {
                List<Map<String, Object>> scalars = new ArrayList<>();
                boolean numbers = false, texts = false;
                Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    JsonNode v = f.getValue();
                    if (v.isNumber()) {
                        scalars.add(row("name", f.getKey(), "value", num(v.asDouble()), "text", null));
                        numbers = true;
                    } else if (v.isValueNode() || isScalarList(v)) {
                        scalars.add(row("name", f.getKey(), "value", null, "text", cellText(v)));
                        texts = true;
                    } else if (isRecordList(v)) {
                        tables.add(recordTable(s.key() + "." + f.getKey(), title + ": " + f.getKey(), v));
                    }
                }
                if (!scalars.isEmpty()) {
                    // numbers keep full precision in "value"; text and lists of names go to "text"
                    List<TableColumn> columns = new ArrayList<>(List.of(TableColumn.string("name", "")));
                    if (numbers) columns.add(TableColumn.number("value", "", EST));
                    if (texts) columns.add(TableColumn.string("text", ""));
                    for (Map<String, Object> r : scalars) r.keySet().retainAll(columns.stream().map(TableColumn::name).toList());
                    tables.add(0, new ResultTable(s.key(), title, columns, scalars, List.of()));
                }
            }
            if (tables.size() == 1) {
                out.add(tables.get(0));
            } else if (!tables.isEmpty()) {
                out.add(new ResultContainer(title, tables));
            } else if (s.text() != null && !s.text().isBlank()) {
                // not tabular: its plain-text rendering as a one-cell table
                out.add(new ResultTable(s.key(), title, List.of(TableColumn.string("text", "")),
                        List.of(row("text", s.text().strip())), List.of()));
            }
        }
        return out;
    }

    private static boolean isRecordList(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) return false;
        for (JsonNode e : node) if (!e.isObject()) return false;
        return true;
    }

    private static boolean isScalarList(JsonNode node) {
        if (!node.isArray()) return false;
        for (JsonNode e : node) if (!e.isValueNode()) return false;
        return true;
    }

    /**
     * Columns in first-seen order over all records. A nested list of records named by their first field (such as
     * a cluster's coefficients by term) becomes columns "term.field"; other nested objects are left out.
     */
    private static ResultTable recordTable(String name, String title, JsonNode records) {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        List<Map<String, JsonNode>> flat = new ArrayList<>();
        for (JsonNode rec : records) {
            Map<String, JsonNode> cells = flatten(rec);
            flat.add(cells);
            for (Map.Entry<String, JsonNode> f : cells.entrySet()) {
                JsonNode v = f.getValue();
                String field = f.getKey().substring(f.getKey().lastIndexOf('.') + 1);
                ColumnType t = v.isNull() ? null : typeOf(field, v);
                ColumnType seen = types.get(f.getKey());
                if (seen == null) types.put(f.getKey(), t);
                else if (t != null && t != seen) types.put(f.getKey(), widen(seen, t));
            }
        }
        List<TableColumn> columns = new ArrayList<>();
        for (Map.Entry<String, ColumnType> e : types.entrySet()) {
            ColumnType t = e.getValue() == null ? ColumnType.STRING : e.getValue();
            columns.add(new TableColumn(e.getKey(), e.getKey(), t, t == ColumnType.NUMBER ? EST : null));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, JsonNode> cells : flat) {
            Map<String, Object> r = new LinkedHashMap<>();
            for (TableColumn c : columns) {
                JsonNode v = cells.get(c.name());
                r.put(c.name(), v == null || v.isNull() ? null : switch (c.type()) {
                    case STRING -> cellText(v);
                    case INTEGER -> v.canConvertToInt() ? (Object) v.asInt() : (Object) v.asLong();
                    case NUMBER, PVALUE -> num(v.asDouble());
                });
            }
            rows.add(r);
        }
        return new ResultTable(name, title, columns, rows, List.of());
    }

    /** A record's scalar cells, with nested named records spread out as "name.field". */
    private static Map<String, JsonNode> flatten(JsonNode rec) {
        Map<String, JsonNode> cells = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = rec.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            if (v.isValueNode() || isScalarList(v)) {
                cells.put(f.getKey(), v);
            } else if (isRecordList(v)) {
                for (JsonNode inner : v) {
                    Iterator<Map.Entry<String, JsonNode>> innerFields = inner.fields();
                    if (!innerFields.hasNext()) continue;
                    JsonNode label = innerFields.next().getValue();
                    if (!label.isTextual()) continue;
                    while (innerFields.hasNext()) {
                        Map.Entry<String, JsonNode> g = innerFields.next();
                        if (g.getValue().isValueNode()) cells.put(label.textValue() + "." + g.getKey(), g.getValue());
                    }
                }
            }
        }
        return cells;
    }

    private static ColumnType typeOf(String key, JsonNode v) {
        if (v.isIntegralNumber()) return ColumnType.INTEGER;
        if (v.isNumber()) {
            String k = key.toLowerCase(Locale.ROOT);
            return k.equals("p") || k.endsWith("p") && k.length() <= 3 || k.startsWith("p") && k.contains("value")
                    || k.equals("pmixture") ? ColumnType.PVALUE : ColumnType.NUMBER;
        }
        return ColumnType.STRING;
    }

    private static ColumnType widen(ColumnType a, ColumnType b) {
        if (a == ColumnType.STRING || b == ColumnType.STRING) return ColumnType.STRING;
        if (a == ColumnType.PVALUE || b == ColumnType.PVALUE) return ColumnType.PVALUE;
        return ColumnType.NUMBER;
    }

    private static String cellText(JsonNode v) {
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode e : v) parts.add(e.asText());
            return String.join(", ", parts);
        }
        return v.isNull() ? null : v.asText();
    }

    private static Object scalar(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isIntegralNumber()) return v.canConvertToInt() ? (Object) v.asInt() : (Object) v.asLong();
        if (v.isNumber()) return num(v.asDouble());
        return v.asText();
    }

    private static double scale(FitResult fit) {
        return fit.sigma2() != null ? fit.sigma2() : 1;
    }

    private static boolean isSingularWarning(String w) {
        return w.toLowerCase(Locale.ROOT).contains("singular");
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A finite number, or null (JSON has no NaN). */
    static Double num(double x) {
        return Double.isFinite(x) ? x : null;
    }

    static Map<String, Object> row(Object... keyValues) {
        Map<String, Object> r = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) r.put((String) keyValues[i], keyValues[i + 1]);
        return r;
    }
}
