package org.multilevel.analysis.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.multilevel.api.MultilevelException;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.model.Centering;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.Link;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.model.Transform;

/** Options naming variables that are not in the data are errors, not silently ignored (HSB and Pastes data). */
class RequestCheckTest {
    static ModelSpec spec(Map<String, String> references, List<Centering> centering) {
        return new ModelSpec("math ~ ses + (1 | school)", Family.GAUSSIAN, Link.IDENTITY, references, centering);
    }

    @Test
    void centeringOfAMistypedVariableNamesTheClosestColumn() {
        Dataset hsb = AnalysisServiceTest.read("hsb.csv");
        MultilevelException e = assertThrows(MultilevelException.class, () -> RequestCheck.check(hsb,
                spec(Map.of(), List.of(new Centering("sess", Transform.GRAND_MEAN_CENTERED, null)))));
        assertTrue(e.getMessage().contains("'sess'") && e.getMessage().contains("did you mean ses?"), e.getMessage());
        e = assertThrows(MultilevelException.class, () -> RequestCheck.check(hsb,
                spec(Map.of(), List.of(new Centering("ses", Transform.WITHIN_CLUSTER, "schol")))));
        assertTrue(e.getMessage().contains("did you mean school?"), e.getMessage());
        assertDoesNotThrow(() -> RequestCheck.check(hsb,
                spec(Map.of(), List.of(new Centering("ses", Transform.WITHIN_CLUSTER, "school")))));
    }

    @Test
    void referenceLevelsMustOccur() {
        Dataset hsb = AnalysisServiceTest.read("hsb.csv");
        MultilevelException e = assertThrows(MultilevelException.class,
                () -> RequestCheck.check(hsb, spec(Map.of("sector", "7"), List.of())));
        assertTrue(e.getMessage().contains("'7'") && e.getMessage().contains("0, 1"), e.getMessage());
        assertDoesNotThrow(() -> RequestCheck.check(hsb, spec(Map.of("sector", "1"), List.of())));
        Dataset pastes = AnalysisServiceTest.read("pastes.csv");
        e = assertThrows(MultilevelException.class, () -> RequestCheck.check(pastes, spec(Map.of("cask", "z"), List.of())));
        assertTrue(e.getMessage().contains("a, b, c"), e.getMessage());
        assertDoesNotThrow(() -> RequestCheck.check(pastes, spec(Map.of("cask", "b"), List.of())));
    }
}
