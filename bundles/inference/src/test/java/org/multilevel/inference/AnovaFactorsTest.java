package org.multilevel.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.multilevel.api.fit.ContrastTest;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.FixedDesign;

/**
 * Types II and III with factor x factor and factor x numeric interactions against lmerTest (Kenward-Roger),
 * computed here by src/test/resources/reference/anova_factors.R on the first 1500 rows of hsb.csv (the fit is
 * singular: the random intercept and slope correlate perfectly, which Kenward-Roger must also handle).
 */
class AnovaFactorsTest {
    @Test
    void typesTwoAndThreeMatchLmerTest() throws IOException {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/reference/anova_factors.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        Fixture f = Fixture.csv("hsb.csv").head(ref.get("rows").asInt());
        List<String> specs = List.of("(Intercept)", "minority==1", "female==1", "sector==1", "ses",
                "minority==1:female==1", "sector==1:ses");
        List<String> names = List.of("(Intercept)", "factor(minority)1", "factor(female)1", "factor(sector)1", "ses",
                "factor(minority)1:factor(female)1", "factor(sector)1:ses");
        for (int j = 0; j < names.size(); j++) assertEquals(ref.get("columns").get(j).asText(), names.get(j));
        FixedDesign fd = f.fixed(specs, names, new int[] {-1, 0, 1, 2, 3, 4, 5}, List.of("factor(minority)",
                "factor(female)", "factor(sector)", "ses", "factor(minority):factor(female)", "factor(sector):ses"));
        DesignMatrices d = f.design(ref.get("formula").asText(), "math", fd,
                List.of(f.term("school", new String[] {"school"}, "(Intercept)", "ses")));
        double[][] g = new double[2][2];
        for (int a = 0; a < 2; a++) for (int b = 0; b < 2; b++) g[a][b] = ref.get("covariance").get(a).get(b).asDouble();
        double[] beta = new double[names.size()];
        for (int j = 0; j < beta.length; j++) beta[j] = ref.get("estimate").get(j).asDouble();
        KenwardRoger kr = KenwardRoger.prepare(d, List.<double[][]>of(g), ref.get("sigma2").asDouble());
        compare(ref.get("typeIII_kenwardRoger"), AnovaTable.contrasts(d, AnovaTable.Type.III, null), kr, beta);
        compare(ref.get("typeII_kenwardRoger"), AnovaTable.contrasts(d, AnovaTable.Type.II, null), kr, beta);
    }

    private static void compare(JsonNode expected, List<AnovaTable.TermContrast> l, KenwardRoger kr, double[] beta) {
        assertEquals(expected.size(), l.size());
        for (int t = 0; t < l.size(); t++) {
            JsonNode e = expected.get(t);
            String what = e.get("term").asText();
            assertEquals(what, l.get(t).term());
            ContrastTest ct = kr.test(beta, l.get(t).matrix());
            double fv = Double.isNaN(ct.estimate()) ? ct.statistic() : ct.statistic() * ct.statistic();
            assertEquals(e.get("numDf").asDouble(), ct.numDf(), 1e-9, what);
            assertEquals(e.get("F").asDouble(), fv, 0.01 * e.get("F").asDouble(), what + " F");
            assertEquals(e.get("denDf").asDouble(), ct.denDf(), 0.01 * e.get("denDf").asDouble(), what + " df");
            assertEquals(e.get("p").asDouble(), ct.p(), 0.03 * e.get("p").asDouble(), what + " p");
        }
    }
}
