package org.multilevel.glmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.Method;
import org.multilevel.glmm.internal.LaplaceConfig;
import org.multilevel.glmm.internal.LaplaceEstimator;

/** The administrator's configuration of glmm-laplace (as Configuration Admin hands it to DS) and its metatype. */
class EstimatorConfigTest {
    static LaplaceConfig config(int maxEvaluations, int maxPoints) {
        return new LaplaceConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return LaplaceConfig.class;
            }

            @Override
            public int max_evaluations() {
                return maxEvaluations;
            }

            @Override
            public int max_quadrature_points() {
                return maxPoints;
            }
        };
    }

    private static FitOptions agq(int points) {
        return new FitOptions(Method.AGQ, DdfMethod.NONE, points, FitOptions.DEFAULT_MAX_EVALUATIONS);
    }

    @Test
    void moreQuadraturePointsThanConfiguredAreRefusedNamingTheSetting() throws Exception {
        LaplaceEstimator limited = new LaplaceEstimator(config(10_000, 9));
        assertTrue(limited.unsupported(Fixtures.cbpp(), agq(9)).isEmpty());
        String why = limited.unsupported(Fixtures.cbpp(), agq(10)).orElseThrow();
        assertTrue(why.contains("max.quadrature.points") && why.contains("10 quadrature points"), why);
        // by default as many as lme4's glmer accepts (100)
        assertTrue(new LaplaceEstimator().unsupported(Fixtures.cbpp(), agq(100)).isEmpty());
        assertTrue(new LaplaceEstimator().unsupported(Fixtures.cbpp(), agq(101)).isPresent());
    }

    @Test
    void aGenerousEvaluationLimitGivesTheSameOptimum() throws Exception {
        FitOptions laplace = FitOptions.of(Method.LAPLACE, DdfMethod.NONE);
        double reference = new LaplaceEstimator().fit(Fixtures.cbpp(), laplace).result().logLik();
        assertEquals(reference, new LaplaceEstimator(config(50_000, 25)).fit(Fixtures.cbpp(), laplace).result().logLik(), 1e-9);
    }

    @Test
    void metatypeDescribesEveryTunable() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("OSGI-INF/metatype/" + LaplaceConfig.PID + ".xml")) {
            assertTrue(in != null, "bnd generates the metatype");
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(xml.contains("id=\"max.evaluations\"") && xml.contains("id=\"max.quadrature.points\""), xml);
        }
    }
}
