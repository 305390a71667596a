package org.multilevel.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.Method;
import org.multilevel.inference.internal.RobustContributor;

class RobustContributorTest {
    @Test
    @SuppressWarnings("unchecked")
    void robustSectionBesideModelBasedSes() {
        ReferenceCases.Case c = ReferenceCases.load("sleepstudy_reml");
        ReferenceFittedModel model = new ReferenceFittedModel(c.design(), c.covariances(), c.sigma2(), c.beta());
        AnalysisRequest ask = new AnalysisRequest(model.design().spec(), FitOptions.of(Method.REML,
                DdfMethod.SATTERTHWAITE), List.of(), Map.of("robust", "true"));
        List<ResultSection> sections = new RobustContributor().contribute(model, null, ask);
        assertEquals(1, sections.size());
        Map<String, Object> json = (Map<String, Object>) sections.get(0).json();
        assertEquals("Subject", json.get("cluster"));
        assertEquals(18, json.get("clusters"));
        List<Map<String, Object>> rows = (List<Map<String, Object>>) json.get("fixed");
        assertEquals(2, rows.size());
        double[][] direct = RobustCovariance.cr2(c.design(), c.covariances(), c.sigma2(), c.beta()).covariance();
        assertEquals(Math.sqrt(direct[1][1]), (Double) rows.get(1).get("robustSe"), 1e-12);
        assertEquals(Math.sqrt(model.fixedCovariance()[1][1]), (Double) rows.get(1).get("se"), 1e-12);
        assertTrue(sections.get(0).text().contains("Robust SE"));
        assertTrue(new RobustContributor().contribute(model, null,
                AnalysisRequest.of(model.design().spec(), FitOptions.of(Method.REML, DdfMethod.SATTERTHWAITE))).isEmpty());
    }
}
