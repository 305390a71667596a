package org.multilevel.report.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.multilevel.api.analysis.AnalysisResult;
import org.multilevel.api.analysis.Comparison;
import org.multilevel.api.analysis.LikelihoodRatioTest;
import org.multilevel.api.analysis.ModelSummary;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.data.DataSource;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FixedEffect;
import org.multilevel.api.fit.LevelModes;
import org.multilevel.api.fit.OptimizerReport;
import org.multilevel.api.fit.RandomEffectModes;
import org.multilevel.api.fit.VarianceComponent;
import org.multilevel.api.model.FrameReport;
import org.multilevel.api.model.Transform;

/**
 * The results JSON of spec/results-json.md, built node by node so that key names and their order never
 * depend on Java field names. Numbers keep full double precision; NaN and infinities become null.
 */
public final class ResultsJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private ResultsJson() {
    }

    /**
     * The fit document of an analysis: {@link #fit(FitResult, List)} with, after {@code ranef} (the spec's keys
     * keep their order), {@code nAGQ} and how the data were read and used: {@code data},
     * {@code readAsCategorical}, {@code referenceLevels} and {@code centering} (see
     * docs/results-json-extensions.md).
     */
    public static ObjectNode fit(AnalysisResult result) {
        ObjectNode root = fit(result.fit(), result.sections());
        FrameReport frame = result.model().design() == null ? FrameReport.NONE : result.model().design().frame();
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.set(e.getKey(), e.getValue());
            if (e.getKey().equals("ranef")) {
                out.set("nAGQ", quadraturePoints(result));
                addFrame(out, frame);
            }
        }
        return out;
    }

    /** The quadrature points per level actually used: 1 for Laplace; null for linear models. */
    private static JsonNode quadraturePoints(AnalysisResult result) {
        String method = result.fit().method();
        if ("Laplace".equalsIgnoreCase(method)) return NODES.numberNode(1);
        if ("AGQ".equalsIgnoreCase(method)) {
            int points = result.request() == null || result.request().fit() == null
                    ? 1 : result.request().fit().quadraturePoints();
            return NODES.numberNode(Math.max(1, points));
        }
        return NullNode.instance;
    }

    private static void addFrame(ObjectNode root, FrameReport frame) {
        DataSource source = frame.source();
        if (source == null) {
            root.putNull("data");
        } else {
            ObjectNode data = root.putObject("data");
            data.put("file", source.file());
            data.put("encoding", source.encoding());
            data.put("delimiter", String.valueOf(source.delimiter()));
            data.put("decimalMark", String.valueOf(source.decimalMark()));
            data.set("notes", strings(source.notes()));
        }
        ArrayNode categorical = root.putArray("readAsCategorical");
        for (FrameReport.TextInNumbers c : frame.readAsCategorical()) {
            ObjectNode node = categorical.addObject();
            node.put("column", c.column());
            node.set("textValues", strings(c.textValues()));
            node.put("levels", c.levels());
        }
        ObjectNode references = root.putObject("referenceLevels");
        frame.referenceLevels().forEach(references::put);
        ArrayNode centering = root.putArray("centering");
        for (FrameReport.AppliedCentering c : frame.centering()) {
            ObjectNode node = centering.addObject();
            node.put("term", c.term());
            node.put("variable", c.variable());
            node.put("transform", transformName(c.transform()));
            node.put("cluster", c.cluster());
            node.put("by", c.byOption() ? "option" : "formula");
        }
    }

    /** The names of the command line's --center option. */
    private static String transformName(Transform t) {
        return switch (t) {
            case GRAND_MEAN_CENTERED -> "grand";
            case WITHIN_CLUSTER -> "within";
            case CLUSTER_MEAN -> "between";
            case Z_SCORE -> "z";
            case WITHIN_CLUSTER_Z -> "within-z";
            case LOG -> "log";
        };
    }

    /** The fit document, then one key per section, then {@code optimizer}. */
    public static ObjectNode fit(FitResult fit, List<ResultSection> sections) {
        ObjectNode root = NODES.objectNode();
        root.put("formula", fit.formula());
        root.put("family", fit.family());
        root.put("link", fit.link());
        root.put("method", fit.method());
        root.put("estimator", fit.estimator());
        root.put("ddf", fit.ddf());
        root.put("nobs", fit.nobs());
        ObjectNode groups = root.putObject("groups");
        fit.groups().forEach((name, count) -> groups.set(name, count == null ? NullNode.instance : NODES.numberNode(count)));
        root.put("converged", fit.converged());
        root.put("singular", fit.singular());
        root.set("warnings", strings(fit.warnings()));
        ArrayNode fixed = root.putArray("fixed");
        for (FixedEffect f : fit.fixed()) fixed.add(fixedEffect(f));
        ArrayNode random = root.putArray("random");
        for (VarianceComponent vc : fit.random()) {
            ObjectNode node = random.addObject();
            node.put("group", vc.group());
            node.set("terms", strings(vc.terms()));
            node.set("covariance", matrix(vc.covariance()));
        }
        root.set("sigma2", number(fit.sigma2()));
        root.set("logLik", number(fit.logLik()));
        root.put("npar", fit.npar());
        root.set("AIC", number(fit.aic()));
        root.set("BIC", number(fit.bic()));
        root.set("deviance", number(fit.deviance()));
        root.set("REMLcriterion", number(fit.remlCriterion()));
        ObjectNode ranef = root.putObject("ranef");
        for (Map.Entry<String, RandomEffectModes> e : fit.ranef().entrySet()) {
            ranef.set(e.getKey(), modes(e.getValue()));
        }
        addSections(root, sections);
        root.set("optimizer", optimizer(fit.optimizer()));
        return root;
    }

    /** The compare document: models, tests, warnings, then one key per section. */
    public static ObjectNode compare(Comparison comparison) {
        ObjectNode root = NODES.objectNode();
        ArrayNode models = root.putArray("models");
        for (ModelSummary m : comparison.models()) {
            ObjectNode node = models.addObject();
            node.put("formula", m.formula());
            node.put("method", m.method());
            node.put("nobs", m.nobs());
            node.put("npar", m.npar());
            node.set("logLik", number(m.logLik()));
            node.set("AIC", number(m.aic()));
            node.set("BIC", number(m.bic()));
            node.set("deviance", number(m.deviance()));
        }
        ArrayNode tests = root.putArray("tests");
        for (LikelihoodRatioTest t : comparison.tests()) {
            ObjectNode node = tests.addObject();
            node.put("from", t.from());
            node.put("to", t.to());
            node.set("chisq", number(t.chisq()));
            node.put("df", t.df());
            node.set("p", number(t.p()));
            node.set("pMixture", number(t.pMixture()));
            if (t.mixtureDf() == null) {
                node.putNull("mixtureDf");
            } else {
                ArrayNode df = node.putArray("mixtureDf");
                for (int d : t.mixtureDf()) df.add(d);
            }
        }
        root.set("warnings", strings(comparison.warnings()));
        addSections(root, comparison.sections());
        return root;
    }

    /** Stand-alone sections: one key per section. */
    public static ObjectNode sections(List<ResultSection> sections) {
        ObjectNode root = NODES.objectNode();
        addSections(root, sections);
        return root;
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("results could not be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A section's value as Jackson sees it (maps, lists, records), with non-finite numbers as null. */
    public static JsonNode value(Object value) {
        if (value == null) return NullNode.instance;
        if (value instanceof JsonNode node) return finite(node.deepCopy());
        return finite(MAPPER.valueToTree(value));
    }

    private static void addSections(ObjectNode root, List<ResultSection> sections) {
        for (ResultSection s : sections) {
            root.set(s.key(), value(s.json()));
        }
    }

    private static ObjectNode fixedEffect(FixedEffect f) {
        ObjectNode node = NODES.objectNode();
        node.put("term", f.term());
        node.set("estimate", number(f.estimate()));
        node.set("se", number(f.se()));
        node.set("df", number(f.df()));
        node.set("statistic", number(f.statistic()));
        node.set("p", number(f.p()));
        node.set("lower", number(f.lower()));
        node.set("upper", number(f.upper()));
        return node;
    }

    private static ObjectNode modes(RandomEffectModes modes) {
        ObjectNode node = NODES.objectNode();
        node.set("terms", strings(modes.terms()));
        ArrayNode levels = node.putArray("levels");
        for (LevelModes level : modes.levels()) {
            ObjectNode l = levels.addObject();
            l.put("level", level.level());
            l.set("values", numbers(level.values()));
            l.set("condSD", numbers(level.condSD()));
        }
        return node;
    }

    private static JsonNode optimizer(OptimizerReport report) {
        if (report == null) return NullNode.instance;
        ObjectNode node = NODES.objectNode();
        node.put("name", report.name());
        node.put("evaluations", report.evaluations());
        node.set("parameters", numbers(report.parameters()));
        node.put("message", report.message());
        return node;
    }

    private static JsonNode strings(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        for (String v : values) array.add(v);
        return array;
    }

    private static JsonNode numbers(double[] values) {
        if (values == null) return NullNode.instance;
        ArrayNode array = NODES.arrayNode();
        for (double v : values) array.add(number(v));
        return array;
    }

    private static JsonNode matrix(double[][] values) {
        if (values == null) return NullNode.instance;
        ArrayNode array = NODES.arrayNode();
        for (double[] row : values) array.add(numbers(row));
        return array;
    }

    static JsonNode number(Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) return NullNode.instance;
        return NODES.numberNode(value.doubleValue());
    }

    /** Replaces NaN and infinite numbers anywhere in the tree by null (JSON has no such numbers). */
    private static JsonNode finite(JsonNode node) {
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) return NullNode.instance;
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                e.setValue(finite(e.getValue()));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) array.set(i, finite(array.get(i)));
        }
        return node;
    }
}
