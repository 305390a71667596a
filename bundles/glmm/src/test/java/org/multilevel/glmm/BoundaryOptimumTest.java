package org.multilevel.glmm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.Link;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.model.RandomTerm;
import org.multilevel.glmm.internal.LaplaceEstimator;

/** An optimum on the boundary (correlation ±1) must be reached, not stopped short of. */
class BoundaryOptimumTest {
    private final LaplaceEstimator estimator = new LaplaceEstimator();

    /**
     * MASS::bacteria (copied to test resources), y ~ trt + week + (week | ID), binomial probit. R 4.2, lme4 1.1-31:
     * allFit(glmer(y ~ trt + week + (week | ID), bacteria, binomial(link = "probit"))) — best logLik −98.7534 (a
     * singular fit); the default optimizer stops at −99.997, also singular. A regressed stage 2 stopped at
     * −98.7614 with θ₃ = 8e-4, not singular.
     */
    @Test
    void probitRandomSlopeReachesTheSingularOptimum() {
        FitResult r = estimator.fit(bacteriaProbitSlope(), FitOptions.of(Method.LAPLACE, DdfMethod.NONE)).result();
        assertTrue(r.logLik() > -98.7540, "logLik " + r.logLik());
        assertTrue(r.singular(), "expected a singular fit: " + r.random());
    }

    private static DesignMatrices bacteriaProbitSlope() {
        List<String> lines;
        try (var in = BoundaryOptimumTest.class.getResourceAsStream("/bacteria.csv")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int n = lines.size();
        double[] y = new double[n];
        double[] week = new double[n];
        List<String> id = new ArrayList<>(), trt = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i).replace("\"", "").split(",");
            y[i] = f[0].equals("y") ? 1 : 0;
            week[i] = Double.parseDouble(f[3]);
            id.add(f[4]);
            trt.add(f[5]);
        }
        RandomTerm icpt = Fixtures.intercept("ID", id);
        double[] z = new double[2 * n];
        for (int i = 0; i < n; i++) {
            z[2 * i] = 1;
            z[2 * i + 1] = week[i];
        }
        RandomTerm slope = new RandomTerm("ID", icpt.levels(), icpt.levelOfRow(), List.of("(Intercept)", "week"), z);
        ModelSpec spec = new ModelSpec("y ~ trt + week + (week | ID)", Family.BINOMIAL, Link.PROBIT, Map.of(), List.of());
        return new DesignMatrices(spec, y, null, null, new Fixtures.X(n).factor("trt", trt).numeric("week", week).build(),
                List.of(slope), Fixtures.rows(n), List.of());
    }
}
