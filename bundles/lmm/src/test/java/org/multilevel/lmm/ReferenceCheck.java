package org.multilevel.lmm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FixedEffect;
import org.multilevel.api.fit.LevelModes;
import org.multilevel.api.fit.RandomEffectModes;
import org.multilevel.api.fit.VarianceComponent;

/** The gaussian tolerances of shared/tools/check-reference.py, applied to a FitResult. */
final class ReferenceCheck {
    private final List<String> fails = new ArrayList<>();

    static String norm(String name) {
        String[] p = name.split(":");
        java.util.Arrays.sort(p);
        return String.join(":", p);
    }

    private void need(boolean ok, String what) {
        if (!ok) fails.add(what);
    }

    private void num(Double actual, JsonNode ref, double tol, String what) {
        if (ref == null || ref.isNull()) return;
        double r = ref.asDouble();
        if (actual == null || actual.isNaN()) {
            fails.add(what + ": missing (reference " + r + ")");
            return;
        }
        need(Math.abs(actual - r) <= tol, what + ": " + actual + " vs reference " + r + " (tolerance " + tol + ")");
    }

    static List<String> compare(JsonNode exp, FitResult act) {
        ReferenceCheck c = new ReferenceCheck();
        c.run(exp, act);
        return c.fails;
    }

    private void run(JsonNode exp, FitResult act) {
        need(act.nobs() == exp.get("nobs").asInt(), "nobs " + act.nobs());
        Map<String, Integer> groups = new HashMap<>();
        act.groups().forEach((k, v) -> groups.put(norm(k), v));
        exp.get("groups").fields().forEachRemaining(e ->
                need(Integer.valueOf(e.getValue().asInt()).equals(groups.get(norm(e.getKey()))),
                        "groups[" + e.getKey() + "] " + groups.get(norm(e.getKey()))));
        need(act.npar() == exp.get("npar").asInt(), "npar " + act.npar());
        double rll = exp.get("logLik").asDouble();
        boolean better = act.logLik() > rll + 0.002;
        need(act.logLik() >= rll - 0.002, "logLik " + act.logLik() + " below reference " + rll);
        if (!better) {
            num(act.aic(), exp.get("AIC"), 0.004 + 1e-9, "AIC");
            num(act.bic(), exp.get("BIC"), 0.004 + 1e-9, "BIC");
            num(act.deviance(), exp.get("deviance"), 0.004 + 1e-9, "deviance");
            num(act.remlCriterion(), exp.get("REMLcriterion"), 0.004, "REMLcriterion");
        }
        need(act.singular() == exp.get("singular").asBoolean(), "singular " + act.singular());
        if (better) return;
        Map<String, FixedEffect> fixed = new HashMap<>();
        for (FixedEffect f : act.fixed()) fixed.put(norm(f.term()), f);
        for (JsonNode f : exp.get("fixed")) {
            String term = f.get("term").asText();
            FixedEffect a = fixed.get(norm(term));
            if (a == null) {
                fails.add("fixed term " + term + " missing");
                continue;
            }
            double se = f.get("se").asDouble();
            num(a.estimate(), f.get("estimate"), 0.005 * se, term + " estimate");
            num(a.se(), f.get("se"), 0.005 * se, term + " se");
            num(a.statistic(), f.get("statistic"), 0.005 * Math.abs(f.get("statistic").asDouble()) + 1e-6, term + " t");
            if (f.hasNonNull("df")) num(a.df(), f.get("df"), 0.01 * f.get("df").asDouble() + 0.01, term + " df");
            num(a.p(), f.get("p"), Math.max(0.03 * f.get("p").asDouble(), 1e-10), term + " p");
        }
        double scale = exp.hasNonNull("sigma2") ? exp.get("sigma2").asDouble() : 1.0;
        Map<String, VarianceComponent> rand = new HashMap<>();
        for (VarianceComponent v : act.random()) rand.put(norm(v.group()), v);
        for (JsonNode r : exp.get("random")) {
            String g = r.get("group").asText();
            VarianceComponent a = rand.get(norm(g));
            if (a == null) {
                fails.add("random group " + g + " missing, have " + rand.keySet());
                continue;
            }
            List<String> terms = new ArrayList<>();
            r.get("terms").forEach(t -> terms.add(t.asText()));
            for (int i = 0; i < terms.size(); i++)
                for (int j = i; j < terms.size(); j++) {
                    int ai = a.terms().indexOf(terms.get(i));
                    int aj = a.terms().indexOf(terms.get(j));
                    if (ai < 0 || aj < 0) {
                        fails.add("random " + g + " term missing");
                        continue;
                    }
                    JsonNode cov = r.get("covariance");
                    double tol = 0.01 * Math.sqrt(Math.abs(cov.get(i).get(i).asDouble() * cov.get(j).get(j).asDouble()))
                            + 1e-4 * scale;
                    num(a.covariance()[ai][aj], cov.get(i).get(j), tol, "cov[" + g + "](" + i + "," + j + ")");
                }
        }
        if (exp.hasNonNull("sigma2")) num(act.sigma2(), exp.get("sigma2"), 0.002 * scale, "sigma2");
        Map<String, RandomEffectModes> ranef = new HashMap<>();
        act.ranef().forEach((k, v) -> ranef.put(norm(k), v));
        exp.get("ranef").fields().forEachRemaining(e -> {
            RandomEffectModes ag = ranef.get(norm(e.getKey()));
            if (ag == null) {
                fails.add("ranef[" + e.getKey() + "] missing");
                return;
            }
            Map<String, LevelModes> levels = new HashMap<>();
            for (LevelModes l : ag.levels()) levels.put(l.level(), l);
            List<String> terms = new ArrayList<>();
            e.getValue().get("terms").forEach(t -> terms.add(t.asText()));
            for (JsonNode lv : e.getValue().get("levels")) {
                LevelModes a = levels.get(lv.get("level").asText());
                if (a == null) {
                    fails.add("ranef level " + lv.get("level").asText() + " missing");
                    continue;
                }
                for (int k = 0; k < terms.size(); k++) {
                    int m = ag.terms().indexOf(terms.get(k));
                    if (m < 0) {
                        fails.add("ranef term " + terms.get(k) + " missing");
                        continue;
                    }
                    double sd = lv.get("condSD").get(k).asDouble();
                    num(a.values()[m], lv.get("values").get(k), 0.01 * sd + 1e-9, "ranef[" + lv.get("level").asText() + "]." + terms.get(k));
                    num(a.condSD()[m], lv.get("condSD").get(k), 0.01 * sd + 1e-9, "condSD[" + lv.get("level").asText() + "]." + terms.get(k));
                }
            }
        });
    }
}
