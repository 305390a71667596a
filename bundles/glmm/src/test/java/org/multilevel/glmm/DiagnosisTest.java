package org.multilevel.glmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.EstimationException;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.Link;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.data.internal.CsvDataImporter;
import org.multilevel.formula.FormulaModelFrameBuilder;
import org.multilevel.glmm.internal.LaplaceEstimator;
import org.multilevel.transform.internal.CenteringService;

/** Issue 9.4: a fit that cannot be trusted says what actually happened. */
class DiagnosisTest {
    private static final Path R = Path.of(System.getProperty("user.dir")).resolve("src/test/resources/r");

    static DesignMatrices design(String csv, String formula) {
        Dataset data = new CsvDataImporter().read(R.resolve(csv), ImportOptions.defaults());
        ModelSpec spec = new ModelSpec(formula, Family.BINOMIAL, Link.LOGIT, Map.of(), List.of());
        return new FormulaModelFrameBuilder(new CenteringService()).build(data, spec);
    }

    private static FitResult fit(String csv, String formula) {
        return new LaplaceEstimator().fit(design(csv, formula), FitOptions.of(Method.LAPLACE, DdfMethod.NONE)).result();
    }

    /**
     * The shape of issue 9.4: nested clusters, the class variance runs away because 41 of 90 classes are all 0 or
     * all 1, and x does not separate the outcome (glm(y ~ x) fits 0.18 to 0.80). lme4 returns the fit without a
     * warning (src/test/resources/r/diverging_nested.R, R 4.x, lme4 1.1):
     * glmer(y ~ x + (1 | school/class), d, binomial): fixef -11.512252918 2.136253724, se 2.4093112233
     * 0.3703972048, theta 10.71718518 0.0004122751526, logLik -219.399110011. So do we, with a warning that
     * names the component and its all-0/all-1 classes, not x.
     */
    @Test
    void aDivergingVarianceIsNamedAndTheFitReturned() {
        FitResult r = fit("diverging_nested.csv", "y ~ x + (1 | school/class)");
        assertEquals(-11.512252918, r.fixed().get(0).estimate(), 0.01 * 2.409);
        assertEquals(2.136253724, r.fixed().get(1).estimate(), 0.01 * 0.370);
        assertEquals(2.4093112233, r.fixed().get(0).se(), 0.02 * 2.409);
        assertEquals(0.3703972048, r.fixed().get(1).se(), 0.02 * 0.370);
        assertEquals(-219.399110011, r.logLik(), 0.01);
        assertEquals("class:school", r.random().get(0).group());
        assertEquals(10.71718518, r.random().get(0).sd(0), 0.02 * 10.7);
        String w = String.join(" | ", r.warnings());
        assertTrue(w.contains("The random intercept variance of class:school is very large and may be diverging (SD 10.7 on the logit scale)")
                && w.contains("41 of its 90 groups have outcomes that are all 0 (23) or all 1 (18), for example c1:s02"), w);
        assertTrue(w.contains("no predictor is to blame") && !w.contains("variance of school "), w);
        assertTrue(!w.contains("separation") && !w.contains("determined by"), w);
    }

    /**
     * Separation by the fixed effects themselves (src/test/resources/r/separated.R): glm(y ~ x) warns "fitted
     * probabilities numerically 0 or 1 occurred" (x = 2323) and glmer(y ~ x + (1 | g)) stops with "pwrssUpdate
     * did not converge"; we refuse, naming x.
     */
    @Test
    void separationByAContinuousPredictorIsNamed() {
        EstimationException e = assertThrows(EstimationException.class, () -> fit("separated.csv", "y ~ x + z + (1 | g)"));
        assertTrue(e.getMessage().startsWith("Perfect separation: x predicts the outcome (success or failure) exactly"), e.getMessage());
    }

    /** y2 is 1 exactly when x + x2 > 0: glm(y2 ~ x + x2) gives x = 1785, x2 = 1804 with the same warnings; both are named. */
    @Test
    void separationByTwoPredictorsTogetherNamesBoth() {
        EstimationException e = assertThrows(EstimationException.class, () -> fit("separated.csv", "y2 ~ x + x2 + z + (1 | g)"));
        assertTrue(e.getMessage().startsWith("Perfect separation: x, x2 together predict the outcome"), e.getMessage());
    }

    /**
     * Without x2, x alone does not separate y2 (glm fitted values 0.0039 to 0.993): glmer(y2 ~ x + z + (1 | g))
     * fits, fixef -0.2728119757 2.0282075967 -0.2947870744, theta 0.2111441777, logLik -138.348680897.
     */
    @Test
    void extremeButNotSeparatedFits() {
        FitResult r = fit("separated.csv", "y2 ~ x + z + (1 | g)");
        double[] beta = {-0.2728119757, 2.0282075967, -0.2947870744};
        for (int j = 0; j < 3; j++) assertEquals(beta[j], r.fixed().get(j).estimate(), 0.01 * r.fixed().get(j).se());
        assertEquals(-138.348680897, r.logLik(), 0.01);
    }
}
