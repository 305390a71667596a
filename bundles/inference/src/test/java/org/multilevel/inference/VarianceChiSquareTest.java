package org.multilevel.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.multilevel.api.MultilevelException;

/**
 * HLM's chi-square test of tau = 0 against the same formula evaluated in R with per-school lm() fits
 * (src/test/resources/reference/variance_chisq.R), and against the values Raudenbush and Bryk (2002, table
 * 4.5) print for the intercepts-and-slopes-as-outcomes model (605.29 and 162.30 on 157 df, from HLM's own
 * estimates, hence the looser tolerance there).
 */
class VarianceChiSquareTest {
    @Test
    void matchesPerSchoolOlsInR() throws IOException {
        JsonNode all;
        try (InputStream in = getClass().getResourceAsStream("/reference/variance_chisq.json")) {
            all = new ObjectMapper().readTree(in);
        }
        for (JsonNode c : all) {
            String id = c.get("id").asText();
            ReferenceCases.Case rc = ReferenceCases.load(id + "_reml");
            List<VarianceChiSquare.Result> results = VarianceChiSquare.test(rc.design(), rc.beta(), rc.sigma2());
            assertEquals(c.get("tests").size(), results.size());
            for (int t = 0; t < results.size(); t++) {
                JsonNode e = c.get("tests").get(t);
                VarianceChiSquare.Result r = results.get(t);
                assertEquals(e.get("coefficient").asText(), r.coefficient());
                assertEquals(e.get("df").asInt(), r.df());
                assertEquals(e.get("used").asInt(), r.clustersUsed());
                // the reference fixed effects and sigma2 (JSON) agree with R's fit in R to about 1e-6
                assertEquals(e.get("chisq").asDouble(), r.chiSquare(), 1e-4 * e.get("chisq").asDouble(), id);
                assertEquals(e.get("p").asDouble(), r.p(), 0.01 * e.get("p").asDouble(), id);
            }
        }
    }

    @Test
    void closeToRaudenbushAndBryk() {
        ReferenceCases.Case rc = ReferenceCases.load("hsb_rb_reml");
        List<VarianceChiSquare.Result> r = VarianceChiSquare.test(rc.design(), rc.beta(), rc.sigma2());
        assertEquals(605.29, r.get(0).chiSquare(), 0.002 * 605.29);
        assertEquals(162.30, r.get(1).chiSquare(), 0.002 * 162.30);
        assertEquals(157, r.get(1).df());
    }

    @Test
    void crossedModelsAreRefused() {
        ReferenceCases.Case rc = ReferenceCases.load("penicillin_crossed_reml");
        assertThrows(MultilevelException.class, () -> VarianceChiSquare.test(rc.design(), rc.beta(), rc.sigma2()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void contributorAddsTheSectionWhenAsked() {
        ReferenceCases.Case rc = ReferenceCases.load("hsb_sector_reml");
        ReferenceFittedModel model = new ReferenceFittedModel(rc.design(), rc.covariances(), rc.sigma2(), rc.beta());
        org.multilevel.api.analysis.AnalysisRequest ask = new org.multilevel.api.analysis.AnalysisRequest(
                model.design().spec(), org.multilevel.api.fit.FitOptions.of(org.multilevel.api.fit.Method.REML,
                org.multilevel.api.fit.DdfMethod.SATTERTHWAITE), List.of(), java.util.Map.of("tau-test", "true"));
        var sections = new org.multilevel.inference.internal.VarianceChiSquareContributor().contribute(model, null, ask);
        assertEquals("varianceChiSquare", sections.get(0).key());
        var json = (java.util.Map<String, Object>) sections.get(0).json();
        assertEquals(160, json.get("clustersUsed"));
        assertEquals(158, ((List<java.util.Map<String, Object>>) json.get("tests")).get(0).get("df"));
    }
}
