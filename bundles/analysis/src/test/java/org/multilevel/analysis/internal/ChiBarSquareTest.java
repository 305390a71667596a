package org.multilevel.analysis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The p-values of the likelihood-ratio reference cases (R) from their chi-square and df. */
class ChiBarSquareTest {
    static final Path SHARED = Path.of(System.getProperty("user.dir")).resolve("../../../shared");

    static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*([-0-9.eE+]+)").matcher(json);
        if (!m.find()) throw new AssertionError(key + " not in the reference");
        return Double.parseDouble(m.group(1));
    }

    @Test
    void randomSlopeCaseMatchesTheReferenceMixture() throws Exception {
        String ref = Files.readString(SHARED.resolve("reference/hsb_lrt_rslope.json"));
        double chisq = number(ref, "chisq");
        int df = (int) number(ref, "df");
        assertEquals(number(ref, "p"), ChiBarSquare.upperTail(chisq, df), 1e-6 * number(ref, "p"));
        double pMixture = number(ref, "pMixture");
        assertEquals(pMixture, ChiBarSquare.mixture(chisq, df), 1e-6 * pMixture);
    }

    @Test
    void fixedEffectCaseMatchesTheReferenceP() throws Exception {
        String ref = Files.readString(SHARED.resolve("reference/hsb_lrt_sector.json"));
        double p = number(ref, "p");
        assertEquals(p, ChiBarSquare.upperTail(number(ref, "chisq"), (int) number(ref, "df")), 1e-6 * p);
    }

    @Test
    void oneVarianceIsHalfTheChiSquareTail() {
        // chi-bar-square of 0 and 1 df: the point mass contributes nothing above 0
        assertEquals(0.5 * ChiBarSquare.upperTail(3.84, 1), ChiBarSquare.mixture(3.84, 1), 1e-15);
        assertEquals(0.025, ChiBarSquare.mixture(3.841458820694124, 1), 1e-9);
        assertEquals(1.0, ChiBarSquare.mixture(0.0, 1), 0.0);
    }

    @Test
    void smallTailsStayAccurate() {
        // 1 - CDF would give 0 here; the regularized gamma function does not
        double p = ChiBarSquare.upperTail(200, 1);
        assertEquals(2.08e-45, p, 0.01e-45);
    }
}
