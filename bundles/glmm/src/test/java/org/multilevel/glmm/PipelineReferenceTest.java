package org.multilevel.glmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.fit.DdfMethod;
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

/** The reference cases through the real data importer and formula bundle, as the command line runs them. */
class PipelineReferenceTest {
    @ParameterizedTest
    @ValueSource(strings = {"cbpp_binomial_laplace", "verbagg_bernoulli_laplace", "grouseticks_poisson_laplace"})
    void referenceCaseThroughTheFormulaBundle(String id) {
        JsonNode ref = ReferenceCheck.reference(id);
        Dataset data = new CsvDataImporter().read(Fixtures.SHARED.resolve("data").resolve(ref.get("data").asText()), ImportOptions.defaults());
        Family family = Family.parse(ref.get("family").asText());
        ModelSpec spec = new ModelSpec(ref.get("formula").asText(), family, Link.parse(ref.get("link").asText()), Map.of(), List.of());
        DesignMatrices design = new FormulaModelFrameBuilder(new CenteringService()).build(data, spec);
        FitResult r = new LaplaceEstimator().fit(design, FitOptions.of(Method.LAPLACE, DdfMethod.SATTERTHWAITE)).result();
        List<String> fails = ReferenceCheck.compare(ref, r);
        assertTrue(fails.isEmpty(), id + ": " + String.join("; ", fails));
        assertEquals(ref.get("formula").asText(), r.formula());
    }
}
