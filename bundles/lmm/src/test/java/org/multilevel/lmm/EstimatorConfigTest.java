package org.multilevel.lmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.lmm.CsvDesigns.Re;

/** The administrator's configuration of the estimators (as Configuration Admin hands it to DS) and its metatype. */
class EstimatorConfigTest {
    private static final List<String> I = List.of("(Intercept)");
    private static final FitOptions REML = FitOptions.of(Method.REML, DdfMethod.SATTERTHWAITE);

    static GeneralLmmConfig general(int maxEvaluations) {
        return new GeneralLmmConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return GeneralLmmConfig.class;
            }

            @Override
            public int max_evaluations() {
                return maxEvaluations;
            }
        };
    }

    private static DesignMatrices penicillin() throws Exception {
        return new CsvDesigns("penicillin.csv").design("diameter ~ 1 + (1 | plate) + (1 | sample)", "diameter", I,
                List.of(new Re("plate", I), new Re("sample", I)));
    }

    @Test
    void theConfiguredEvaluationLimitReplacesTheRequestsDefaultOnly() throws Exception {
        DesignMatrices design = penicillin();
        double reference = new GeneralLmmEstimator().fit(design, REML).result().logLik();
        // a generous limit gives the same optimum; a request's own limit is kept
        assertEquals(reference, new GeneralLmmEstimator(general(50_000)).fit(design, REML).result().logLik(), 1e-9);
        FitOptions own = new FitOptions(Method.REML, DdfMethod.SATTERTHWAITE, 1, 777);
        assertEquals(777, own.withDefaultMaxEvaluations(5_000).maxEvaluations());
        assertEquals(5_000, REML.withDefaultMaxEvaluations(5_000).maxEvaluations());
    }

    @Test
    void metatypeDescribesEveryTunable() throws Exception {
        for (String pid : List.of(GeneralLmmConfig.PID, NestedLmmConfig.PID)) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("OSGI-INF/metatype/" + pid + ".xml")) {
                assertTrue(in != null, "bnd generates the metatype of " + pid);
                String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(xml.contains("id=\"max.evaluations\""), xml);
                assertTrue(xml.contains("pid=\"" + pid + "\""), xml);
            }
        }
    }
}
