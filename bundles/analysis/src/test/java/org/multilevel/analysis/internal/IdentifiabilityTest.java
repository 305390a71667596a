package org.multilevel.analysis.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.model.RandomTerm;

/** lme4's refusals of random parts the data cannot identify, on the Dyestuff data (30 rows, 6 batches). */
class IdentifiabilityTest {
    @Test
    void batchesIdentifyARandomIntercept() throws Exception {
        RandomTerm batch = TestData.intercept("dyestuff.csv", "Batch");
        assertDoesNotThrow(() -> Identifiability.check(TestData.design("Yield ~ 1 + (1 | Batch)", TestData.rows(30),
                List.of("(Intercept)"), List.of(batch))));
    }

    @Test
    void oneLevelPerObservationIsRefused() throws Exception {
        List<String> names = new ArrayList<>();
        int[] of = new int[30];
        for (int i = 0; i < 30; i++) {
            names.add("r" + i);
            of[i] = i;
        }
        double[] z = new double[30];
        java.util.Arrays.fill(z, 1.0);
        RandomTerm row = new RandomTerm("row", names, of, List.of("(Intercept)"), z);
        MultilevelException e = assertThrows(MultilevelException.class, () -> Identifiability.check(
                TestData.design("Yield ~ 1 + (1 | row)", TestData.rows(30), List.of("(Intercept)"), List.of(row))));
        assertTrue(e.getMessage().contains("grouping factor row has 30 levels for 30 observations"), e.getMessage());
    }

    @Test
    void moreRandomEffectsThanObservationsIsRefused() throws Exception {
        RandomTerm batch = TestData.intercept("dyestuff.csv", "Batch");
        // five effects per batch: 6 x 5 = 30 random effects for 30 observations
        double[] z = new double[30 * 5];
        for (int i = 0; i < 30; i++) for (int k = 0; k < 5; k++) z[i * 5 + k] = k == 0 ? 1 : Math.pow(i % 5, k);
        RandomTerm wide = new RandomTerm("Batch", batch.levels(), batch.levelOfRow(),
                List.of("(Intercept)", "a", "b", "c", "d"), z);
        MultilevelException e = assertThrows(MultilevelException.class, () -> Identifiability.check(
                TestData.design("Yield ~ 1 + (1 + a + b + c + d | Batch)", TestData.rows(30), List.of("(Intercept)"),
                        List.of(wide))));
        assertTrue(e.getMessage().contains("30 random effects but only 30 observations"), e.getMessage());
    }

    @Test
    void aFactorWithOneLevelIsRefused() {
        int[] of = new int[30];
        double[] z = new double[30];
        java.util.Arrays.fill(z, 1.0);
        RandomTerm one = new RandomTerm("site", List.of("only"), of, List.of("(Intercept)"), z);
        MultilevelException e = assertThrows(MultilevelException.class, () -> Identifiability.check(
                TestData.design("Yield ~ 1 + (1 | site)", TestData.rows(30), List.of("(Intercept)"), List.of(one))));
        assertTrue(e.getMessage().contains("grouping factor site has only 1 level"), e.getMessage());
    }

    @Test
    void aFormulaWithoutRandomTermsIsRefused() {
        MultilevelException e = assertThrows(MultilevelException.class, () -> Identifiability.check(
                TestData.design("Yield ~ 1", TestData.rows(30), List.of("(Intercept)"), List.of())));
        assertTrue(e.getMessage().contains("Yield ~ 1 has no random-effects term"), e.getMessage());
    }
}
