package org.multilevel.analysis.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.RandomTerm;

/** Row compatibility and nesting of designs before likelihood-ratio tests. */
class ModelComparerTest {
    @Test
    void modelsOnDifferentRowsAreRefusedWithTheReason() throws Exception {
        RandomTerm plate = TestData.intercept("penicillin.csv", "plate");
        DesignMatrices all = TestData.design("diameter ~ 1 + (1 | plate)", TestData.rows(144), List.of("(Intercept)"),
                List.of(plate));
        int[] fewer = new int[143];
        for (int i = 0; i < 143; i++) fewer[i] = i < 10 ? i : i + 1; // data row 11 missing in model 2
        RandomTerm plateFewer = new RandomTerm(plate.group(), plate.levels(), java.util.Arrays.copyOf(plate.levelOfRow(), 143),
                plate.effectNames(), java.util.Arrays.copyOf(plate.z(), 143));
        DesignMatrices some = TestData.design("diameter ~ x + (1 | plate)", fewer, List.of("(Intercept)"),
                List.of(plateFewer));
        MultilevelException e = assertThrows(MultilevelException.class,
                () -> ModelComparer.requireSameRows(List.of(all, some)));
        assertTrue(e.getMessage().contains("different rows"), e.getMessage());
        assertTrue(e.getMessage().contains("144") && e.getMessage().contains("143"), e.getMessage());
        assertTrue(e.getMessage().contains("data row 11"), e.getMessage());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertDoesNotThrow(() -> ModelComparer.requireSameRows(List.of(all, all)));
    }

    @Test
    void nestingLooksAtFixedColumnsAndRandomEffects() throws Exception {
        RandomTerm plate = TestData.intercept("penicillin.csv", "plate");
        RandomTerm sample = TestData.intercept("penicillin.csv", "sample");
        int[] rows = TestData.rows(144);
        DesignMatrices small = TestData.design("d ~ 1 + (1 | plate)", rows, List.of("(Intercept)"), List.of(plate));
        DesignMatrices large = TestData.design("d ~ 1 + (1 | plate) + (1 | sample)", rows, List.of("(Intercept)"),
                List.of(plate, sample));
        DesignMatrices other = TestData.design("d ~ x + (1 | sample)", rows, List.of("(Intercept)", "x"),
                List.of(sample));
        assertTrue(ModelComparer.nestedIn(small, large));
        assertFalse(ModelComparer.nestedIn(large, small));
        assertFalse(ModelComparer.nestedIn(small, other));
        assertTrue(ModelComparer.sameFixedEffects(small, large));
        assertFalse(ModelComparer.sameFixedEffects(small, other));
    }
}
