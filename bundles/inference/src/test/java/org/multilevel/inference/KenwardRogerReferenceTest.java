package org.multilevel.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.multilevel.api.fit.ContrastTest;

/** Kenward-Roger SE and df per coefficient against pbkrtest (via lmerTest) on every reference case. */
class KenwardRogerReferenceTest {
    static final java.util.List<String> CASES = ReferenceCases.KR_CASES;

    @ParameterizedTest
    @FieldSource("CASES")
    void matchesPbkrtestPerCoefficient(String id) {
        ReferenceCases.Case c = ReferenceCases.load(id);
        KenwardRoger kr = KenwardRoger.prepare(c.design(), c.covariances(), c.sigma2());
        JsonNode expected = c.expected().get("kenwardRoger");
        int p = c.beta().length;
        assertEquals(p, expected.size());
        for (int j = 0; j < p; j++) {
            double[][] l = new double[1][p];
            l[0][j] = 1;
            ContrastTest t = kr.test(c.beta(), l);
            JsonNode e = expected.get(j);
            String what = id + " " + e.get("term").asText();
            assertEquals(e.get("se").asDouble(), t.se(), 0.005 * e.get("se").asDouble(), what + " se");
            assertEquals(e.get("df").asDouble(), t.denDf(), 0.02 * e.get("df").asDouble(), what + " df");
            assertEquals(e.get("p").asDouble(), t.p(), 0.03 * e.get("p").asDouble(), what + " p");
        }
    }
}
