package org.multilevel.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.fit.ContrastTest;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.FixedDesign;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.model.RandomTerm;

/** Types II and III contrasts, and the Kenward-Roger tables of lmerTest (inference.json). */
class AnovaTableTest {
    static final JsonNode INFERENCE = Fixture.reference("inference/inference.json");

    @Test
    void hsbRandomSlopeTypeIIIKenwardRogerMatchesLmerTest() {
        ReferenceCases.Case c = ReferenceCases.load("hsb_rb_reml");
        Fixture f = Fixture.csv("hsb.csv");
        FixedDesign fd = f.fixed(List.of("(Intercept)", "meanses", "cses", "sector", "meanses:cses", "cses:sector"),
                new int[] {-1, 0, 1, 2, 3, 4}, List.of("meanses", "cses", "sector", "meanses:cses", "cses:sector"));
        DesignMatrices d = new DesignMatrices(c.design().spec(), c.design().y(), null, null, fd, c.design().random(),
                c.design().dataRows(), List.of());
        KenwardRoger kr = KenwardRoger.prepare(d, c.covariances(), c.sigma2());
        for (AnovaTable.Type type : AnovaTable.Type.values()) {
            List<AnovaTable.TermContrast> l = AnovaTable.contrasts(d, type, null);
            // numeric covariates only: nothing is contained in anything, every term is its coefficient
            assertEquals(5, l.size());
            for (int t = 0; t < 5; t++) {
                double[] expected = new double[6];
                expected[t + 1] = 1;
                assertArrayEquals(expected, l.get(t).matrix()[0], 1e-12);
            }
            compare(INFERENCE.get("anova_hsb_rb").get("typeIII_kenwardRoger"), l, kr, c.beta());
        }
    }

    @Test
    void sleepstudyFactorDaysKenwardRogerMatchesLmerTest() {
        Fixture f = Fixture.csv("sleepstudy.csv");
        List<String> names = new ArrayList<>();
        names.add("(Intercept)");
        int[] assign = new int[10];
        assign[0] = -1;
        for (int k = 1; k <= 9; k++) names.add("Days==" + k);
        FixedDesign fd = f.fixed(names, assign, List.of("factor(Days)"));
        DesignMatrices d = f.design("Reaction ~ factor(Days) + (1 | Subject)", "Reaction", fd,
                List.of(f.term("Subject", new String[] {"Subject"}, "(Intercept)")));
        RandomInterceptReml fit = new RandomInterceptReml(d);
        KenwardRoger kr = KenwardRoger.prepare(d, List.<double[][]>of(new double[][] {{fit.theta * fit.sigma2}}),
                fit.sigma2);
        List<AnovaTable.TermContrast> l = AnovaTable.contrasts(d, AnovaTable.Type.III, null);
        assertEquals(1, l.size());
        assertEquals(9, l.get(0).matrix().length);
        compare(INFERENCE.get("anova_sleepstudy_days").get("typeIII_kenwardRoger"), l, kr, fit.beta);
    }

    private static void compare(JsonNode expected, List<AnovaTable.TermContrast> l, KenwardRoger kr, double[] beta) {
        assertEquals(expected.size(), l.size());
        for (int t = 0; t < l.size(); t++) {
            JsonNode e = expected.get(t);
            assertEquals(e.get("term").asText(), l.get(t).term());
            ContrastTest ct = kr.test(beta, l.get(t).matrix());
            double fv = Double.isNaN(ct.estimate()) ? ct.statistic() : ct.statistic() * ct.statistic();
            String what = e.get("term").asText();
            assertEquals(e.get("numDf").asDouble(), ct.numDf(), 1e-9, what);
            assertEquals(e.get("F").asDouble(), fv, 0.01 * e.get("F").asDouble(), what + " F");
            assertEquals(e.get("denDf").asDouble(), ct.denDf(), 0.01 * e.get("denDf").asDouble(), what + " df");
            assertEquals(e.get("p").asDouble(), ct.p(), 0.03 * e.get("p").asDouble(), what + " p");
        }
    }

    /** Balanced 2 x 2 with replication: f * g in treatment coding, beta = (mu, f2, g2, f2:g2). */
    static DesignMatrices twoByTwo(boolean withNumericInteraction) {
        int reps = 3;
        int n = 4 * reps * 2;
        List<String> names = withNumericInteraction
                ? List.of("(Intercept)", "fB", "gB", "x", "fB:gB", "fB:x")
                : List.of("(Intercept)", "fB", "gB", "fB:gB");
        int p = names.size();
        double[] x = new double[n * p];
        double[] z = new double[n];
        int[] level = new int[n];
        double[] y = new double[n];
        int i = 0;
        for (int cl = 0; cl < 2; cl++) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    for (int r = 0; r < reps; r++, i++) {
                        double xv = r - 1 + 0.3 * a;
                        double[] row = withNumericInteraction
                                ? new double[] {1, a, b, xv, a * b, a * xv}
                                : new double[] {1, a, b, a * b};
                        System.arraycopy(row, 0, x, i * p, p);
                        z[i] = 1;
                        level[i] = cl;
                        y[i] = i;
                    }
                }
            }
        }
        int[] assign = withNumericInteraction ? new int[] {-1, 0, 1, 2, 3, 4} : new int[] {-1, 0, 1, 2};
        List<String> labels = withNumericInteraction ? List.of("f", "g", "x", "f:g", "f:x") : List.of("f", "g", "f:g");
        int[] rows = new int[n];
        for (int k = 0; k < n; k++) rows[k] = k;
        return new DesignMatrices(ModelSpec.gaussian("y ~ f * g + (1 | c)"), y, null, null,
                new FixedDesign(names, x, assign, labels, List.of()),
                List.of(new RandomTerm("c", List.of("1", "2"), level, List.of("(Intercept)"), z)), rows, List.of());
    }

    @Test
    void balancedFactorialMainEffectsAverageOverTheOtherFactor() {
        DesignMatrices d = twoByTwo(false);
        for (AnovaTable.Type type : AnovaTable.Type.values()) {
            List<AnovaTable.TermContrast> l = AnovaTable.contrasts(d, type, null);
            assertEquals(List.of("f", "g", "f:g"), l.stream().map(AnovaTable.TermContrast::term).toList());
            assertProportional(new double[] {0, 1, 0, 0.5}, l.get(0).matrix()[0]);
            assertProportional(new double[] {0, 0, 1, 0.5}, l.get(1).matrix()[0]);
            assertProportional(new double[] {0, 0, 0, 1}, l.get(2).matrix()[0]);
        }
    }

    @Test
    void containmentFollowsTheNumericVariables() {
        DesignMatrices d = twoByTwo(true);
        List<AnovaTable.TermContrast> l = AnovaTable.contrasts(d, AnovaTable.Type.III, null);
        // f is contained in f:g (same numerics) but not in f:x, so f averages over g only;
        // x is contained in f:x (same numeric x), so its slope is averaged over the levels of f
        assertProportional(new double[] {0, 1, 0, 0, 0.5, 0}, l.get(0).matrix()[0]);
        assertProportional(new double[] {0, 0, 0, 1, 0, 0.5}, l.get(2).matrix()[0]);
        assertProportional(new double[] {0, 0, 0, 0, 0, 1}, l.get(4).matrix()[0]);
    }

    @Test
    void typeParsing() {
        assertEquals(AnovaTable.Type.III, AnovaTable.Type.parse("true"));
        assertEquals(AnovaTable.Type.II, AnovaTable.Type.parse("ii"));
        assertEquals(AnovaTable.Type.III, AnovaTable.Type.parse("3"));
        assertThrows(MultilevelException.class, () -> AnovaTable.Type.parse("4"));
    }

    private static void assertProportional(double[] expected, double[] actual) {
        int k = 0;
        while (expected[k] == 0) k++;
        double s = actual[k] / expected[k];
        for (int j = 0; j < expected.length; j++) assertEquals(expected[j] * s, actual[j], 1e-9, "entry " + j);
    }
}
