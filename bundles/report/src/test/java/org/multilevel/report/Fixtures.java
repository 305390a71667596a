package org.multilevel.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.AnalysisResult;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FixedEffect;
import org.multilevel.api.fit.LevelModes;
import org.multilevel.api.fit.Method;
import org.multilevel.api.fit.OptimizerReport;
import org.multilevel.api.fit.RandomEffectModes;
import org.multilevel.api.fit.VarianceComponent;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.FixedDesign;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.model.RandomTerm;

/**
 * Fitted models for the report tests built from the R reference results and the real data in /work/shared:
 * the parameters are lme4's; the conditional modes of every level are computed here from them (BLUPs for
 * the linear model, per-herd Newton steps for the binomial one), so the report sees a complete fit.
 */
final class Fixtures {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {
    }

    static Path shared() {
        return Path.of(System.getProperty("user.dir")).resolve("../../../shared").normalize();
    }

    static Path referenceFile(String id) {
        return shared().resolve("reference").resolve(id + ".json");
    }

    static JsonNode reference(String id) {
        try {
            return MAPPER.readTree(referenceFile(id).toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read reference " + id, e);
        }
    }

    static List<String[]> csv(String name) {
        try {
            List<String> lines = Files.readAllLines(shared().resolve("data").resolve(name));
            List<String[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.replace("\"", "").split(",");
                rows.add(cells);
            }
            return rows;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read data " + name, e);
        }
    }

    /** The reference's fixed effects with 95% intervals (t with its df, else z). */
    static List<FixedEffect> fixed(JsonNode expected) {
        List<FixedEffect> out = new ArrayList<>();
        for (JsonNode f : expected.get("fixed")) {
            Double df = f.get("df").isNull() ? null : f.get("df").asDouble();
            double q = df == null ? new NormalDistribution().inverseCumulativeProbability(0.975)
                    : new TDistribution(df).inverseCumulativeProbability(0.975);
            double est = f.get("estimate").asDouble(), se = f.get("se").asDouble();
            out.add(new FixedEffect(f.get("term").asText(), est, se, df, f.get("statistic").asDouble(),
                    f.get("p").asDouble(), est - q * se, est + q * se));
        }
        return out;
    }

    static List<VarianceComponent> random(JsonNode expected) {
        List<VarianceComponent> out = new ArrayList<>();
        for (JsonNode r : expected.get("random")) {
            List<String> terms = new ArrayList<>();
            r.get("terms").forEach(t -> terms.add(t.asText()));
            double[][] cov = new double[terms.size()][terms.size()];
            for (int i = 0; i < cov.length; i++) {
                for (int j = 0; j < cov.length; j++) cov[i][j] = r.get("covariance").get(i).get(j).asDouble();
            }
            out.add(new VarianceComponent(r.get("group").asText(), terms, cov));
        }
        return out;
    }

    static FitResult result(JsonNode ref, String estimator, String ddf, Map<String, RandomEffectModes> ranef,
                            List<String> warnings) {
        JsonNode e = ref.get("expected");
        Map<String, Integer> groups = new LinkedHashMap<>();
        e.get("groups").fields().forEachRemaining(g -> groups.put(g.getKey(), g.getValue().asInt()));
        Double sigma2 = e.get("sigma2").isNull() ? null : e.get("sigma2").asDouble();
        Double reml = e.has("REMLcriterion") && !e.get("REMLcriterion").isNull() ? e.get("REMLcriterion").asDouble() : null;
        return new FitResult(ref.get("formula").asText(), ref.get("family").asText(), ref.get("link").asText(),
                ref.get("method").asText(), estimator, ddf, e.get("nobs").asInt(), groups, true,
                e.get("singular").asBoolean(), warnings, fixed(e), random(e), sigma2, e.get("logLik").asDouble(),
                e.get("npar").asInt(), e.get("AIC").asDouble(), e.get("BIC").asDouble(), e.get("deviance").asDouble(),
                reml, ranef, new OptimizerReport("BOBYQA", 42, new double[] {0.97, 0.02, 0.23}, "converged"));
    }

    static AnalysisResult analysis(TestModel model, List<ResultSection> sections) {
        Method method = Method.parse(model.result().method());
        ModelSpec spec = model.design().spec();
        return new AnalysisResult(AnalysisRequest.of(spec, FitOptions.of(method, DdfMethod.SATTERTHWAITE)), model, sections);
    }

    /** Reaction ~ Days + (Days | Subject), REML, on the real sleepstudy data. */
    static TestModel sleepstudy() {
        JsonNode ref = reference("sleepstudy_reml");
        JsonNode e = ref.get("expected");
        List<String[]> rows = csv("sleepstudy.csv");
        int n = rows.size();
        double[] y = new double[n], x = new double[2 * n], z = new double[2 * n];
        TreeMap<Integer, Integer> subjects = new TreeMap<>();
        for (String[] r : rows) subjects.putIfAbsent(Integer.parseInt(r[2]), 0);
        List<String> levels = new ArrayList<>();
        int k = 0;
        for (Map.Entry<Integer, Integer> s : subjects.entrySet()) {
            s.setValue(k++);
            levels.add(s.getKey().toString());
        }
        int[] levelOfRow = new int[n];
        for (int i = 0; i < n; i++) {
            String[] r = rows.get(i);
            y[i] = Double.parseDouble(r[0]);
            double days = Double.parseDouble(r[1]);
            x[2 * i] = 1;
            x[2 * i + 1] = days;
            z[2 * i] = 1;
            z[2 * i + 1] = days;
            levelOfRow[i] = subjects.get(Integer.parseInt(r[2]));
        }
        List<FixedEffect> fixed = fixed(e);
        double[] beta = {fixed.get(0).estimate(), fixed.get(1).estimate()};
        double[][] d = random(e).get(0).covariance();
        double sigma2 = e.get("sigma2").asDouble();
        // BLUP per subject: b = (Z'Z/s2 + D^-1)^-1 Z'(y - X beta)/s2, Var(b | y) = (Z'Z/s2 + D^-1)^-1
        double[][] dInv = inverse2(d);
        double[] fixedPred = new double[n], condPred = new double[n];
        List<LevelModes> modes = new ArrayList<>();
        double[][] b = new double[levels.size()][];
        for (int g = 0; g < levels.size(); g++) {
            double[][] a = {{dInv[0][0], dInv[0][1]}, {dInv[1][0], dInv[1][1]}};
            double[] r = new double[2];
            for (int i = 0; i < n; i++) {
                if (levelOfRow[i] != g) continue;
                double z0 = z[2 * i], z1 = z[2 * i + 1];
                double res = y[i] - beta[0] * x[2 * i] - beta[1] * x[2 * i + 1];
                a[0][0] += z0 * z0 / sigma2;
                a[0][1] += z0 * z1 / sigma2;
                a[1][0] += z1 * z0 / sigma2;
                a[1][1] += z1 * z1 / sigma2;
                r[0] += z0 * res / sigma2;
                r[1] += z1 * res / sigma2;
            }
            double[][] v = inverse2(a);
            b[g] = new double[] {v[0][0] * r[0] + v[0][1] * r[1], v[1][0] * r[0] + v[1][1] * r[1]};
            modes.add(new LevelModes(levels.get(g), b[g], new double[] {Math.sqrt(v[0][0]), Math.sqrt(v[1][1])}));
        }
        for (int i = 0; i < n; i++) {
            fixedPred[i] = beta[0] * x[2 * i] + beta[1] * x[2 * i + 1];
            double[] bg = b[levelOfRow[i]];
            condPred[i] = fixedPred[i] + bg[0] * z[2 * i] + bg[1] * z[2 * i + 1];
        }
        Map<String, RandomEffectModes> ranef = Map.of("Subject", new RandomEffectModes(List.of("(Intercept)", "Days"), modes));
        FitResult result = result(ref, "lmm-nested", "Satterthwaite", ranef, List.of());
        RandomTerm term = new RandomTerm("Subject", levels, levelOfRow, List.of("(Intercept)", "Days"), z);
        FixedDesign design = new FixedDesign(List.of("(Intercept)", "Days"), x, new int[] {-1, 0}, List.of("Days"), List.of());
        int[] dataRows = new int[n];
        for (int i = 0; i < n; i++) dataRows[i] = i;
        DesignMatrices dm = new DesignMatrices(ModelSpec.gaussian(ref.get("formula").asText()), y, null, null, design,
                List.of(term), dataRows, List.of());
        double[][] cov = {{sq(fixed.get(0).se()), 0}, {0, sq(fixed.get(1).se())}};
        cov[0][1] = cov[1][0] = -0.137 * fixed.get(0).se() * fixed.get(1).se();
        return new TestModel(result, dm, beta, cov, fixedPred, condPred);
    }

    /** cbind(incidence, size - incidence) ~ factor(period) + (1 | herd), Laplace, on the real cbpp data. */
    static TestModel cbpp() {
        JsonNode ref = reference("cbpp_binomial_laplace");
        JsonNode e = ref.get("expected");
        List<String[]> rows = csv("cbpp.csv");
        int n = rows.size();
        double[] y = new double[n], w = new double[n], x = new double[4 * n];
        TreeMap<Integer, Integer> herds = new TreeMap<>();
        for (String[] r : rows) herds.putIfAbsent(Integer.parseInt(r[0]), 0);
        List<String> levels = new ArrayList<>();
        int k = 0;
        for (Map.Entry<Integer, Integer> h : herds.entrySet()) {
            h.setValue(k++);
            levels.add(h.getKey().toString());
        }
        int[] levelOfRow = new int[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            String[] r = rows.get(i);
            double incidence = Double.parseDouble(r[1]), size = Double.parseDouble(r[2]);
            int period = Integer.parseInt(r[3]);
            y[i] = incidence / size;
            w[i] = size;
            x[4 * i] = 1;
            if (period > 1) x[4 * i + period - 1] = 1;
            z[i] = 1;
            levelOfRow[i] = herds.get(Integer.parseInt(r[0]));
        }
        List<FixedEffect> fixed = fixed(e);
        double[] beta = new double[4];
        for (int j = 0; j < 4; j++) beta[j] = fixed.get(j).estimate();
        double var = random(e).get(0).covariance()[0][0];
        double[] fixedPred = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) fixedPred[i] += x[4 * i + j] * beta[j];
        }
        // conditional mode per herd: Newton on the penalized binomial log-likelihood; condSD from its curvature
        List<LevelModes> modes = new ArrayList<>();
        double[] u = new double[levels.size()];
        for (int g = 0; g < levels.size(); g++) {
            double b = 0, h = 1;
            for (int iter = 0; iter < 50; iter++) {
                double grad = -b / var;
                h = 1 / var;
                for (int i = 0; i < n; i++) {
                    if (levelOfRow[i] != g) continue;
                    double mu = 1 / (1 + Math.exp(-(fixedPred[i] + b)));
                    grad += w[i] * (y[i] - mu);
                    h += w[i] * mu * (1 - mu);
                }
                b += grad / h;
                if (Math.abs(grad / h) < 1e-12) break;
            }
            u[g] = b;
            modes.add(new LevelModes(levels.get(g), new double[] {b}, new double[] {1 / Math.sqrt(h)}));
        }
        double[] condPred = new double[n];
        for (int i = 0; i < n; i++) condPred[i] = fixedPred[i] + u[levelOfRow[i]];
        Map<String, RandomEffectModes> ranef = Map.of("herd", new RandomEffectModes(List.of("(Intercept)"), modes));
        FitResult result = result(ref, "glmm-laplace", "none", ranef, List.of());
        RandomTerm term = new RandomTerm("herd", levels, levelOfRow, List.of("(Intercept)"), z);
        List<String> names = List.of("(Intercept)", "factor(period)2", "factor(period)3", "factor(period)4");
        FixedDesign design = new FixedDesign(names, x, new int[] {-1, 0, 0, 0}, List.of("factor(period)"), List.of());
        int[] dataRows = new int[n];
        for (int i = 0; i < n; i++) dataRows[i] = i;
        DesignMatrices dm = new DesignMatrices(ModelSpec.of(ref.get("formula").asText(), Family.BINOMIAL), y, w, null,
                design, List.of(term), dataRows, List.of());
        double[][] cov = new double[4][4];
        for (int j = 0; j < 4; j++) cov[j][j] = sq(fixed.get(j).se());
        return new TestModel(result, dm, beta, cov, fixedPred, condPred);
    }

    private static double sq(double v) {
        return v * v;
    }

    private static double[][] inverse2(double[][] m) {
        double det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
        return new double[][] {{m[1][1] / det, -m[0][1] / det}, {-m[1][0] / det, m[0][0] / det}};
    }
}
