package org.multilevel.glmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.Method;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.glmm.internal.LaplaceEstimator;

/** The three GLMM reference cases of shared/reference, with the README's Laplace tolerances. */
class ReferenceCasesTest {
    private final LaplaceEstimator estimator = new LaplaceEstimator();

    private FitResult fitAndCheck(String id, DesignMatrices design) {
        long t0 = System.nanoTime();
        FittedModel fit = estimator.fit(design, FitOptions.of(Method.LAPLACE, DdfMethod.SATTERTHWAITE));
        FitResult r = fit.result();
        System.out.printf("%s: logLik %.6f, %d evaluations, %.0f ms%n", id, r.logLik(), r.optimizer().evaluations(), (System.nanoTime() - t0) / 1e6);
        List<String> fails = ReferenceCheck.compare(ReferenceCheck.reference(id), r);
        assertTrue(fails.isEmpty(), id + ": " + String.join("; ", fails));
        assertEquals("glmm-laplace", r.estimator());
        assertEquals("none", r.ddf());
        assertTrue(r.sigma2() == null && r.remlCriterion() == null);
        // R fitted these cleanly: no warnings expected here either
        assertTrue(r.converged() && r.warnings().isEmpty(), r.warnings().toString());
        assertEquals(r.fixed().size() + r.random().size(), r.npar());
        return r;
    }

    @Test
    void cbppBinomialWithTrials() {
        fitAndCheck("cbpp_binomial_laplace", Fixtures.cbpp());
    }

    @Test
    void verbaggBernoulli() {
        fitAndCheck("verbagg_bernoulli_laplace", Fixtures.verbagg());
    }

    @Test
    void grouseticksPoissonCrossed() {
        fitAndCheck("grouseticks_poisson_laplace", Fixtures.grouseticks());
    }
}
