package org.multilevel.lmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.Estimator;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.data.internal.CsvDataImporter;
import org.multilevel.formula.FormulaModelFrameBuilder;
import org.multilevel.transform.internal.CenteringService;

/**
 * Every gaussian reference case of shared/reference, end to end through the real data importer and formula
 * module (CSV -> model frame -> estimator), with both estimators where the structure allows, compared within
 * the reference tolerances (Satterthwaite; Kenward-Roger through the inference bundle for REML cases).
 */
class ReferenceCasesTest {
    record Case(String id, String data, boolean nested) {
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("dyestuff_reml", "dyestuff.csv", true));
        for (String id : List.of("hsb_null_ml", "hsb_null_reml", "hsb_sector_ml", "hsb_sector_reml", "hsb_context_reml",
                "hsb_rb_reml")) {
            c.add(new Case(id, "hsb.csv", true));
        }
        c.add(new Case("pastes_nested_reml", "pastes.csv", true));
        c.add(new Case("penicillin_crossed_reml", "penicillin.csv", false));
        for (String id : List.of("sleepstudy_ml", "sleepstudy_reml", "sleepstudy_uncorr_reml")) {
            c.add(new Case(id, "sleepstudy.csv", true));
        }
        return c;
    }

    static Stream<Arguments> runs() {
        List<Arguments> out = new ArrayList<>();
        for (Case c : cases()) {
            out.add(Arguments.of(c.id(), c, new GeneralLmmEstimator()));
            if (c.nested()) out.add(Arguments.of(c.id(), c, new NestedLmmEstimator()));
        }
        return out.stream();
    }

    static JsonNode reference(String id) throws IOException {
        return new ObjectMapper().readTree(CsvDesigns.SHARED.resolve("reference").resolve(id + ".json").toFile());
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("runs")
    void matchesReference(String id, Case c, Estimator estimator) throws IOException {
        JsonNode ref = reference(id);
        Dataset ds = new CsvDataImporter().read(CsvDesigns.SHARED.resolve("data").resolve(c.data()),
                ImportOptions.defaults());
        DesignMatrices d = new FormulaModelFrameBuilder(new CenteringService())
                .build(ds, ModelSpec.gaussian(ref.get("formula").asText()));
        assertTrue(estimator.unsupported(d, FitOptions.of(Method.REML, DdfMethod.SATTERTHWAITE)).isEmpty());
        Method method = Method.parse(ref.get("method").asText());
        FitResult r = estimator.fit(d, FitOptions.of(method, DdfMethod.SATTERTHWAITE)).result();
        List<String> fails = ReferenceCheck.compare(ref.get("expected"), r);
        assertTrue(fails.isEmpty(), id + " with " + estimator.name() + ":\n  " + String.join("\n  ", fails));
        assertEquals(estimator.name(), r.estimator());
        assertEquals("Satterthwaite", r.ddf());
        if (ref.get("expected").has("kenwardRoger") && method == Method.REML) {
            FitResult kr = estimator.fit(d, FitOptions.of(method, DdfMethod.KENWARD_ROGER)).result();
            assertEquals("Kenward-Roger", kr.ddf());
            List<String> krFails = new ArrayList<>();
            for (JsonNode f : ref.get("expected").get("kenwardRoger")) {
                String term = f.get("term").asText();
                var a = kr.fixed().stream().filter(x -> x.term().equals(term)).findFirst().orElseThrow();
                double se = f.get("se").asDouble();
                double df = f.get("df").asDouble();
                double p = f.get("p").asDouble();
                if (Math.abs(a.se() - se) > 0.005 * se) krFails.add(term + " KR se " + a.se() + " vs " + se);
                if (Math.abs(a.df() - df) > 0.02 * df + 0.01) krFails.add(term + " KR df " + a.df() + " vs " + df);
                if (Math.abs(a.p() - p) > Math.max(0.05 * p, 1e-10)) krFails.add(term + " KR p " + a.p() + " vs " + p);
            }
            assertTrue(krFails.isEmpty(), id + " Kenward-Roger:\n  " + String.join("\n  ", krFails));
        }
    }

    @org.junit.jupiter.api.Test
    void doubleBarFormulaEqualsTheUncorrelatedReference() throws IOException {
        JsonNode ref = reference("sleepstudy_uncorr_reml");
        Dataset ds = new CsvDataImporter().read(CsvDesigns.SHARED.resolve("data").resolve("sleepstudy.csv"),
                ImportOptions.defaults());
        DesignMatrices d = new FormulaModelFrameBuilder(new CenteringService())
                .build(ds, ModelSpec.gaussian("Reaction ~ Days + (Days || Subject)"));
        FitResult r = new NestedLmmEstimator().fit(d, FitOptions.of(Method.REML, DdfMethod.SATTERTHWAITE)).result();
        List<String> fails = ReferenceCheck.compare(ref.get("expected"), r);
        assertTrue(fails.isEmpty(), String.join("\n  ", fails));
    }
}
