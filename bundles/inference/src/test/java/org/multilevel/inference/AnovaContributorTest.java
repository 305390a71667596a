package org.multilevel.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.FixedDesign;
import org.multilevel.inference.internal.AnovaContributor;

class AnovaContributorTest {

    static ReferenceFittedModel hsbRb() {
        ReferenceCases.Case c = ReferenceCases.load("hsb_rb_reml");
        Fixture f = Fixture.csv("hsb.csv");
        FixedDesign fd = f.fixed(List.of("(Intercept)", "meanses", "cses", "sector", "meanses:cses", "cses:sector"),
                new int[] {-1, 0, 1, 2, 3, 4}, List.of("meanses", "cses", "sector", "meanses:cses", "cses:sector"));
        DesignMatrices d = new DesignMatrices(c.design().spec(), c.design().y(), null, null, fd, c.design().random(),
                c.design().dataRows(), List.of());
        return new ReferenceFittedModel(d, c.covariances(), c.sigma2(), c.beta());
    }

    @Test
    @SuppressWarnings("unchecked")
    void typeThreeKenwardRogerSection() {
        ReferenceFittedModel model = hsbRb();
        AnalysisRequest request = new AnalysisRequest(model.design().spec(),
                FitOptions.of(Method.REML, DdfMethod.KENWARD_ROGER), List.of(), Map.of("anova", "III"));
        List<ResultSection> sections = new AnovaContributor().contribute(model, null, request);
        assertEquals(1, sections.size());
        ResultSection s = sections.get(0);
        assertEquals("anova", s.key());
        Map<String, Object> json = (Map<String, Object>) s.json();
        assertEquals("III", json.get("type"));
        assertEquals("Kenward-Roger", json.get("ddf"));
        List<Map<String, Object>> table = (List<Map<String, Object>>) json.get("table");
        JsonNode expected = AnovaTableTest.INFERENCE.get("anova_hsb_rb").get("typeIII_kenwardRoger");
        assertEquals(expected.size(), table.size());
        for (int t = 0; t < table.size(); t++) {
            JsonNode e = expected.get(t);
            Map<String, Object> row = table.get(t);
            assertEquals(e.get("term").asText(), row.get("term"));
            assertEquals(e.get("F").asDouble(), (Double) row.get("F"), 0.01 * e.get("F").asDouble());
            assertEquals(e.get("denDf").asDouble(), (Double) row.get("denDf"), 0.01 * e.get("denDf").asDouble());
            assertEquals(e.get("p").asDouble(), (Double) row.get("p"), 0.03 * e.get("p").asDouble());
            assertTrue(s.text().contains(e.get("term").asText()));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void asymptoticTablesHaveNoDenominatorDf() {
        ReferenceFittedModel model = hsbRb();
        AnalysisRequest request = new AnalysisRequest(model.design().spec(), FitOptions.of(Method.REML, DdfMethod.NONE),
                List.of(), Map.of("anova", "2"));
        ResultSection s = new AnovaContributor().contribute(model, null, request).get(0);
        List<Map<String, Object>> table = (List<Map<String, Object>>) ((Map<String, Object>) s.json()).get("table");
        assertNull(table.get(0).get("denDf"));
        assertTrue(s.text().contains("Inf"));
    }

    @Test
    void nothingUnlessAsked() {
        ReferenceFittedModel model = hsbRb();
        AnalysisRequest request = AnalysisRequest.of(model.design().spec(),
                FitOptions.of(Method.REML, DdfMethod.KENWARD_ROGER));
        assertTrue(new AnovaContributor().contribute(model, null, request).isEmpty());
    }
}
