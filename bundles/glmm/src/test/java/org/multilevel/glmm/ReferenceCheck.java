package org.multilevel.glmm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FixedEffect;
import org.multilevel.api.fit.LevelModes;
import org.multilevel.api.fit.RandomEffectModes;
import org.multilevel.api.fit.VarianceComponent;

/** The GLMM part of shared/tools/check-reference.py, applied to a FitResult: returns the failures. */
final class ReferenceCheck {
    private final List<String> fails = new ArrayList<>();

    private ReferenceCheck() {
    }

    static JsonNode reference(String id) {
        try {
            return new ObjectMapper().readTree(Fixtures.SHARED.resolve("reference").resolve(id + ".json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String norm(String name) {
        String[] parts = name.split(":");
        Arrays.sort(parts);
        return String.join(":", parts);
    }

    private void num(double actual, double ref, double tol, String what) {
        if (Double.isNaN(actual) || Math.abs(actual - ref) > tol) {
            fails.add(String.format("%s: %.8g vs reference %.8g (tolerance %.3g)", what, actual, ref, tol));
        }
    }

    static List<String> compare(JsonNode ref, FitResult act) {
        ReferenceCheck c = new ReferenceCheck();
        JsonNode exp = ref.get("expected");
        double tll = 0.01, test = 0.01, tse = 0.02, tvar = 0.02, tp = 0.05, tre = 0.02;
        if (act.nobs() != exp.get("nobs").asInt()) c.fails.add("nobs " + act.nobs());
        Map<String, Integer> groups = new HashMap<>();
        act.groups().forEach((k, v) -> groups.put(norm(k), v));
        exp.get("groups").fields().forEachRemaining(e -> {
            if (!Integer.valueOf(e.getValue().asInt()).equals(groups.get(norm(e.getKey())))) c.fails.add("groups[" + e.getKey() + "]");
        });
        if (act.npar() != exp.get("npar").asInt()) c.fails.add("npar " + act.npar());
        double rll = exp.get("logLik").asDouble();
        boolean better = act.logLik() > rll + tll;
        if (act.logLik() < rll - tll) c.fails.add(String.format("logLik %.6f below reference %.6f", act.logLik(), rll));
        if (!better) {
            c.num(act.aic(), exp.get("AIC").asDouble(), 2 * tll + 1e-9, "AIC");
            c.num(act.bic(), exp.get("BIC").asDouble(), 2 * tll + 1e-9, "BIC");
            c.num(act.deviance(), exp.get("deviance").asDouble(), 2 * tll + 1e-9, "deviance");
        }
        if (act.singular() != exp.get("singular").asBoolean()) c.fails.add("singular " + act.singular());
        if (better) return c.fails;
        Map<String, FixedEffect> fixed = new HashMap<>();
        for (FixedEffect f : act.fixed()) fixed.put(norm(f.term()), f);
        for (JsonNode f : exp.get("fixed")) {
            FixedEffect a = fixed.get(norm(f.get("term").asText()));
            String term = f.get("term").asText();
            if (a == null) {
                c.fails.add("fixed term " + term + " missing");
                continue;
            }
            double se = f.get("se").asDouble();
            c.num(a.estimate(), f.get("estimate").asDouble(), test * se, term + " estimate");
            c.num(a.se(), se, tse * se, term + " se");
            double st = f.get("statistic").asDouble();
            c.num(a.statistic(), st, tse * Math.abs(st) + 1e-6, term + " statistic");
            double p = f.get("p").asDouble();
            c.num(a.p(), p, Math.max(tp * p, 1e-10), term + " p");
            if (a.df() != null) c.fails.add(term + " df should be null");
        }
        Map<String, VarianceComponent> rand = new HashMap<>();
        for (VarianceComponent v : act.random()) rand.put(norm(v.group()), v);
        for (JsonNode r : exp.get("random")) {
            VarianceComponent a = rand.get(norm(r.get("group").asText()));
            if (a == null) {
                c.fails.add("random group " + r.get("group").asText() + " missing");
                continue;
            }
            List<String> terms = new ArrayList<>();
            r.get("terms").forEach(t -> terms.add(t.asText()));
            for (int i = 0; i < terms.size(); i++) {
                for (int j = i; j < terms.size(); j++) {
                    int ai = a.terms().indexOf(terms.get(i)), aj = a.terms().indexOf(terms.get(j));
                    JsonNode cov = r.get("covariance");
                    double tol = tvar * Math.sqrt(Math.abs(cov.get(i).get(i).asDouble() * cov.get(j).get(j).asDouble())) + 1e-4;
                    c.num(a.covariance()[ai][aj], cov.get(i).get(j).asDouble(), tol, "cov[" + a.group() + "]");
                }
            }
        }
        Map<String, RandomEffectModes> ranef = new HashMap<>();
        act.ranef().forEach((k, v) -> ranef.put(norm(k), v));
        exp.get("ranef").fields().forEachRemaining(e -> {
            RandomEffectModes ag = ranef.get(norm(e.getKey()));
            if (ag == null) {
                c.fails.add("ranef " + e.getKey() + " missing");
                return;
            }
            Map<String, LevelModes> levels = new HashMap<>();
            for (LevelModes l : ag.levels()) levels.put(l.level(), l);
            List<String> terms = new ArrayList<>();
            e.getValue().get("terms").forEach(t -> terms.add(t.asText()));
            for (JsonNode lv : e.getValue().get("levels")) {
                LevelModes a = levels.get(lv.get("level").asText());
                if (a == null) {
                    c.fails.add("ranef level " + lv.get("level").asText() + " missing");
                    continue;
                }
                for (int k = 0; k < terms.size(); k++) {
                    int m = ag.terms().indexOf(terms.get(k));
                    double sd = lv.get("condSD").get(k).asDouble();
                    c.num(a.values()[m], lv.get("values").get(k).asDouble(), tre * sd + 1e-9, "ranef " + e.getKey() + "[" + a.level() + "]");
                    c.num(a.condSD()[m], sd, tre * sd + 1e-9, "condSD " + e.getKey() + "[" + a.level() + "]");
                }
            }
        });
        return c.fails;
    }
}
