package org.multilevel.lmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.ResultSection;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.data.internal.CsvDataImporter;
import org.multilevel.formula.FormulaModelFrameBuilder;
import org.multilevel.lmm.internal.VarianceComponentTests;
import org.multilevel.transform.internal.CenteringService;

/** Likelihood-ratio tests of variance components through the real importer, formula module and estimator. */
class VarianceTestsTest {
    static FittedModel fit(String data, String formula, Method method) {
        Dataset ds = new CsvDataImporter().read(CsvDesigns.SHARED.resolve("data").resolve(data),
                ImportOptions.defaults());
        DesignMatrices d = new FormulaModelFrameBuilder(new CenteringService()).build(ds, ModelSpec.gaussian(formula));
        return new NestedLmmEstimator().fit(d, FitOptions.of(method, DdfMethod.SATTERTHWAITE));
    }

    @SuppressWarnings("unchecked")
    static List<VarianceComponentTests.Test> viaContributor(FittedModel m, String flag) {
        List<ResultSection> s = new VarianceTestContributor().contribute(m, null, new AnalysisRequest(
                m.design().spec(), FitOptions.of(Method.REML, DdfMethod.SATTERTHWAITE), List.of(),
                Map.of("variance-tests", flag)));
        if (s.isEmpty()) return List.of();
        assertEquals("varianceTests", s.get(0).key());
        assertTrue(s.get(0).text().contains("(1 + cses | school)") || !s.get(0).text().contains("cses"));
        return (List<VarianceComponentTests.Test>) s.get(0).json();
    }

    /** The random slope's test equals the reference comparison (1 | school) vs (1 + cses | school) by ML. */
    @Test
    void randomSlopeMatchesReferenceLikelihoodRatio() throws IOException {
        JsonNode ref = ReferenceCasesTest.reference("hsb_lrt_rslope");
        FittedModel m = fit(ref.get("data").asText(), ref.get("formula1").asText(), Method.parse(ref.get("method").asText()));
        assertTrue(viaContributor(m, "false").isEmpty());
        List<VarianceComponentTests.Test> tests = viaContributor(m, "true");
        assertEquals(1, tests.size());
        VarianceComponentTests.Test t = tests.get(0);
        JsonNode e = ref.get("expected");
        assertEquals("(1 + cses | school)", t.term());
        assertEquals("cses", t.removed());
        assertEquals(e.get("chisq").asDouble(), t.chisq(), 0.005);
        assertEquals(e.get("df").asInt(), t.df());
        assertEquals(e.get("p").asDouble(), t.p(), 0.03 * e.get("p").asDouble());
        assertEquals(e.get("pMixture").asDouble(), t.pMixture(), 0.03 * e.get("pMixture").asDouble());
        assertEquals(List.of(e.get("mixtureDf").get(0).asInt(), e.get("mixtureDf").get(1).asInt()), t.mixtureDf());
        assertEquals("ML", t.criterion());
    }

    /**
     * Whole-term deletions by REML, against lmerTest's ranova (R 4.2, printed with digits = 10):
     * {@code ranova(lmer(strength ~ 1 + (1|batch/cask), pastes))$LRT} = 54.6046648775, 0.6576559269 and
     * {@code ranova(lmer(math ~ sector + (1|school), hsb))$LRT} = 719.2941204.
     */
    @Test
    void wholeTermDeletionsMatchRanova() {
        List<VarianceComponentTests.Test> pastes = VarianceComponentTests.compute(
                (org.multilevel.lmm.internal.LinearMixedFit) fit("pastes.csv", "strength ~ 1 + (1|batch/cask)", Method.REML));
        assertEquals(List.of("(1 | cask:batch)", "(1 | batch)"), pastes.stream().map(VarianceComponentTests.Test::term).toList());
        assertEquals(54.6046648775, pastes.get(0).chisq(), 0.005);
        assertEquals(0.6576559269, pastes.get(1).chisq(), 0.005);
        for (VarianceComponentTests.Test t : pastes) {
            assertEquals(1, t.df());
            assertEquals(t.p() / 2, t.pMixture(), 1e-15);   // mixture of chi2(0) and chi2(1) halves the p-value
            assertEquals("REML", t.criterion());
        }
        List<VarianceComponentTests.Test> hsb = VarianceComponentTests.compute(
                (org.multilevel.lmm.internal.LinearMixedFit) fit("hsb.csv", "math ~ sector + (1|school)", Method.REML));
        assertEquals(719.2941204, hsb.get(0).chisq(), 0.005);
    }
}
