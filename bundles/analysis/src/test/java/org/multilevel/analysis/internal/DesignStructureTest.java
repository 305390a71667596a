package org.multilevel.analysis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.multilevel.api.fit.EstimatorProperties;
import org.multilevel.api.model.RandomTerm;

/** Nested versus crossed grouping factors on the shared data (Pastes: nested; Penicillin: crossed). */
class DesignStructureTest {
    @Test
    void casksWithinBatchesAreNested() throws Exception {
        RandomTerm batch = TestData.intercept("pastes.csv", "batch");
        RandomTerm sample = TestData.intercept("pastes.csv", "batch", "cask");
        assertEquals("cask:batch", sample.group());
        assertEquals(30, sample.levelCount());
        assertTrue(DesignStructure.within(sample, batch));
        assertFalse(DesignStructure.within(batch, sample));
        var design = TestData.design("strength ~ 1 + (1 | batch/cask)", TestData.rows(60), List.of("(Intercept)"),
                List.of(sample, batch));
        assertEquals(EstimatorProperties.NESTED, DesignStructure.of(design));
    }

    @Test
    void caskAloneIsNotNestedInBatchButTheInteractionIs() throws Exception {
        // cask "a" occurs in every batch: (1|batch) + (1|cask) is a crossed design
        RandomTerm batch = TestData.intercept("pastes.csv", "batch");
        RandomTerm cask = TestData.intercept("pastes.csv", "cask");
        var design = TestData.design("strength ~ 1 + (1 | batch) + (1 | cask)", TestData.rows(60),
                List.of("(Intercept)"), List.of(batch, cask));
        assertEquals(EstimatorProperties.CROSSED, DesignStructure.of(design));
    }

    @Test
    void platesAndSamplesAreCrossed() throws Exception {
        RandomTerm plate = TestData.intercept("penicillin.csv", "plate");
        RandomTerm sample = TestData.intercept("penicillin.csv", "sample");
        var design = TestData.design("diameter ~ 1 + (1 | plate) + (1 | sample)", TestData.rows(144),
                List.of("(Intercept)"), List.of(plate, sample));
        assertEquals(EstimatorProperties.CROSSED, DesignStructure.of(design));
    }

    @Test
    void oneFactorIsNestedEvenWithTwoTerms() throws Exception {
        RandomTerm plate = TestData.intercept("penicillin.csv", "plate");
        var design = TestData.design("diameter ~ 1 + (1 | plate)", TestData.rows(144), List.of("(Intercept)"),
                List.of(plate, plate));
        assertEquals(EstimatorProperties.NESTED, DesignStructure.of(design));
    }
}
