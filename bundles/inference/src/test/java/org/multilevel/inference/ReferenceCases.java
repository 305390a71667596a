package org.multilevel.inference;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.RandomTerm;

/**
 * The gaussian REML reference cases that carry Kenward-Roger results, with their model frames built by the
 * test fixture, and R's REML estimates (covariances, sigma2, beta) read from the reference JSON.
 */
final class ReferenceCases {
    private ReferenceCases() {
    }

    static final List<String> KR_CASES = List.of("dyestuff_reml", "hsb_context_reml", "hsb_null_reml", "hsb_rb_reml",
            "hsb_sector_reml", "pastes_nested_reml", "penicillin_crossed_reml", "sleepstudy_reml",
            "sleepstudy_uncorr_reml");

    record Case(String id, JsonNode json, DesignMatrices design, List<double[][]> covariances, double sigma2,
                double[] beta) {
        JsonNode expected() {
            return json.get("expected");
        }
    }

    static Case load(String id) {
        JsonNode json = Fixture.reference(id + ".json");
        DesignMatrices design = design(id, json.get("formula").asText());
        JsonNode exp = json.get("expected");
        List<double[][]> cov = new ArrayList<>();
        for (JsonNode r : exp.get("random")) {
            JsonNode c = r.get("covariance");
            double[][] m = new double[c.size()][c.size()];
            for (int i = 0; i < c.size(); i++) {
                for (int j = 0; j < c.size(); j++) m[i][j] = c.get(i).get(j).asDouble();
            }
            cov.add(m);
        }
        JsonNode fixed = exp.get("fixed");
        double[] beta = new double[fixed.size()];
        for (int j = 0; j < beta.length; j++) beta[j] = fixed.get(j).get("estimate").asDouble();
        return new Case(id, json, design, cov, exp.get("sigma2").asDouble(), beta);
    }

    static DesignMatrices design(String id, String formula) {
        switch (id) {
            case "dyestuff_reml": {
                Fixture f = Fixture.csv("dyestuff.csv");
                return f.design(formula, "Yield", f.fixed("(Intercept)"),
                        List.of(f.term("Batch", new String[] {"Batch"}, "(Intercept)")));
            }
            case "hsb_context_reml": {
                Fixture f = Fixture.csv("hsb.csv");
                return f.design(formula, "math", f.fixed("(Intercept)", "cses", "meanses"), school(f, "(Intercept)"));
            }
            case "hsb_null_reml": {
                Fixture f = Fixture.csv("hsb.csv");
                return f.design(formula, "math", f.fixed("(Intercept)"), school(f, "(Intercept)"));
            }
            case "hsb_rb_reml": {
                Fixture f = Fixture.csv("hsb.csv");
                return f.design(formula, "math", f.fixed("(Intercept)", "meanses", "cses", "sector", "meanses:cses",
                        "cses:sector"), school(f, "(Intercept)", "cses"));
            }
            case "hsb_sector_reml": {
                Fixture f = Fixture.csv("hsb.csv");
                return f.design(formula, "math", f.fixed("(Intercept)", "sector"), school(f, "(Intercept)"));
            }
            case "pastes_nested_reml": {
                Fixture f = Fixture.csv("pastes.csv");
                return f.design(formula, "strength", f.fixed("(Intercept)"), List.of(
                        f.term("cask:batch", new String[] {"batch", "cask"}, "(Intercept)"),
                        f.term("batch", new String[] {"batch"}, "(Intercept)")));
            }
            case "penicillin_crossed_reml": {
                Fixture f = Fixture.csv("penicillin.csv");
                return f.design(formula, "diameter", f.fixed("(Intercept)"), List.of(
                        f.term("plate", new String[] {"plate"}, "(Intercept)"),
                        f.term("sample", new String[] {"sample"}, "(Intercept)")));
            }
            case "sleepstudy_reml": {
                Fixture f = Fixture.csv("sleepstudy.csv");
                return f.design(formula, "Reaction", f.fixed("(Intercept)", "Days"),
                        List.of(f.term("Subject", new String[] {"Subject"}, "(Intercept)", "Days")));
            }
            case "sleepstudy_uncorr_reml": {
                Fixture f = Fixture.csv("sleepstudy.csv");
                return f.design(formula, "Reaction", f.fixed("(Intercept)", "Days"), List.of(
                        f.term("Subject", new String[] {"Subject"}, "(Intercept)"),
                        f.term("Subject.1", new String[] {"Subject"}, "Days")));
            }
            default:
                throw new IllegalArgumentException("no design for " + id);
        }
    }

    private static List<RandomTerm> school(Fixture f, String... effects) {
        return List.of(f.term("school", new String[] {"school"}, effects));
    }
}
