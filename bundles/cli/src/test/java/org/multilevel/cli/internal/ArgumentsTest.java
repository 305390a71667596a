package org.multilevel.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.Centering;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.model.Transform;

/** Parsing the options of the commands into the API's values. */
class ArgumentsTest {
    static Arguments fit(String... args) {
        return Arguments.parse("fit", args, 0, FitCommand.OPTIONS);
    }

    @Test
    void unknownOptionSuggestsTheClosest() {
        UsageException e = assertThrows(UsageException.class, () -> fit("--formla", "y ~ x"));
        assertEquals("unknown option --formla for fit (did you mean --formula?)", e.getMessage());
        e = assertThrows(UsageException.class, () -> fit("--zzzzzzzzzz"));
        assertEquals("unknown option --zzzzzzzzzz for fit", e.getMessage());
    }

    @Test
    void missingValueIsNamed() {
        UsageException e = assertThrows(UsageException.class, () -> fit("--data", "x.csv", "--formula"));
        assertEquals("option --formula needs a value", e.getMessage());
        e = assertThrows(UsageException.class, () -> fit("--data", "--formula", "y ~ x"));
        assertEquals("option --data needs a value", e.getMessage());
    }

    @Test
    void valuesInlineRepeatedAndFlags() {
        Arguments a = fit("--data=x.csv", "--reference", "sector=1", "--reference", "minority=0", "--compare-ols");
        assertEquals("x.csv", a.value("data"));
        assertEquals(List.of("sector=1", "minority=0"), a.values("reference"));
        assertTrue(a.has("compare-ols"));
        UsageException e = assertThrows(UsageException.class, () -> fit("--data", "a", "--data", "b"));
        assertEquals("option --data is given more than once", e.getMessage());
        e = assertThrows(UsageException.class, () -> fit("stray"));
        assertTrue(e.getMessage().startsWith("unexpected argument 'stray'"), e.getMessage());
    }

    @Test
    void modelSpecificationFromOptions() {
        Arguments a = fit("--formula", "math ~ ses + (1 | school)", "--reference", "sector=1", "--center",
                "ses=within:school", "--center", "ses=between:school", "--center", "minority=grand");
        ModelSpec spec = ModelOptions.spec(a, a.value("formula"));
        assertEquals(Family.GAUSSIAN, spec.family());
        assertEquals("1", spec.referenceLevels().get("sector"));
        assertEquals(List.of(new Centering("ses", Transform.WITHIN_CLUSTER, "school"),
                new Centering("ses", Transform.CLUSTER_MEAN, "school"),
                new Centering("minority", Transform.GRAND_MEAN_CENTERED, null)), spec.centering());
        UsageException e = assertThrows(UsageException.class, () -> ModelOptions.centering("ses=within"));
        assertTrue(e.getMessage().contains("needs a cluster variable"), e.getMessage());
        e = assertThrows(UsageException.class, () -> ModelOptions.centering("ses"));
        assertEquals("option --center needs NAME=VALUE, got 'ses'", e.getMessage());
    }

    @Test
    void methodDefaultsFollowTheFamily() {
        FitOptions gaussian = ModelOptions.fit(fit(), Family.GAUSSIAN);
        assertEquals(Method.REML, gaussian.method());
        assertEquals(DdfMethod.SATTERTHWAITE, gaussian.ddf());
        assertEquals(Method.LAPLACE, ModelOptions.fit(fit(), Family.BINOMIAL).method());
        FitOptions agq = ModelOptions.fit(fit("--nagq", "9"), Family.BINOMIAL);
        assertEquals(Method.AGQ, agq.method());
        assertEquals(9, agq.quadraturePoints());
        assertEquals(DdfMethod.KENWARD_ROGER, ModelOptions.fit(fit("--ddf", "kenward-roger"), Family.GAUSSIAN).ddf());
        UsageException e = assertThrows(UsageException.class, () -> ModelOptions.fit(fit("--method", "Laplace"),
                Family.GAUSSIAN));
        assertTrue(e.getMessage().contains("use REML or ML"), e.getMessage());
        e = assertThrows(UsageException.class, () -> ModelOptions.fit(fit("--ddf", "satterwaite"), Family.GAUSSIAN));
        assertTrue(e.getMessage().startsWith("option --ddf: unknown ddf method 'satterwaite'"), e.getMessage());
        e = assertThrows(UsageException.class, () -> ModelOptions.fit(fit("--nagq", "many"), Family.BINOMIAL));
        assertEquals("option --nagq needs a whole number, got 'many'", e.getMessage());
    }

    @Test
    void suggestionsUseEditDistance() {
        assertEquals(1, Suggestions.distance("compre", "compare"));
        assertEquals("compare", Suggestions.closest("compre", CommandLineComponent.COMMANDS).orElseThrow());
        assertTrue(Suggestions.closest("regression", CommandLineComponent.COMMANDS).isEmpty());
    }
}
