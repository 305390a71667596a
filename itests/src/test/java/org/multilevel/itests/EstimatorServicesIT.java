package org.multilevel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.multilevel.api.analysis.AnalysisRequest;
import org.multilevel.api.analysis.AnalysisResult;
import org.multilevel.api.analysis.AnalysisService;
import org.multilevel.api.analysis.NoEstimatorException;
import org.multilevel.api.data.Dataset;
import org.multilevel.api.fit.EstimatorProperties;
import org.multilevel.api.fit.FitResult;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The plug-in architecture in a real Felix with the real bundles: a full fit through the services, estimators
 * found at run time, bundle stop/start and DS component disable/enable without restarting anything. Each test
 * gets a fresh framework (PerMethod) because they stop bundles and disable components.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class EstimatorServicesIT {
    private static final String SLEEPSTUDY = "Reaction ~ Days + (Days | Subject)";
    private static final String CBPP = "cbind(incidence, size - incidence) ~ factor(period) + (1 | herd)";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        return Runtime.options();
    }

    /** (a) The sleepstudy REML fit through the AnalysisService matches lme4's log-likelihood. */
    @Test
    public void gaussianRemlFitThroughTheServicesMatchesTheReference() throws Exception {
        AnalysisService analysis = Runtime.service(context, AnalysisService.class);
        Dataset data = Runtime.read(context, "sleepstudy.csv");
        JsonNode reference = Runtime.reference("sleepstudy_reml");
        assertEquals(SLEEPSTUDY, reference.get("formula").asText());

        FitResult fit = Runtime.fit(analysis, data, Runtime.gaussianReml(SLEEPSTUDY)).fit();

        JsonNode expected = reference.get("expected");
        assertEquals(expected.get("nobs").asInt(), fit.nobs());
        assertEquals(Integer.valueOf(expected.get("groups").get("Subject").asInt()), fit.groups().get("Subject"));
        assertEquals(expected.get("npar").asInt(), fit.npar());
        assertTrue("converged", fit.converged());
        double refLogLik = expected.get("logLik").asDouble();
        // tolerance of reference/README.md: not more than 0.002 below lme4
        assertTrue("logLik " + fit.logLik() + " vs lme4 " + refLogLik,
            fit.logLik() >= refLogLik - 0.002 && fit.logLik() <= refLogLik + 0.002);
        assertEquals("REML", fit.method());
        assertEquals(2, fit.fixed().size());
    }

    /** (b) Stopping the lmm bundle leaves no estimator (a clear answer, not a hang); starting it restores service. */
    @Test
    public void stoppingTheLmmBundleMeansNoEstimatorUntilItIsStartedAgain() throws Exception {
        AnalysisService analysis = Runtime.service(context, AnalysisService.class);
        Dataset data = Runtime.read(context, "sleepstudy.csv");
        AnalysisRequest request = Runtime.gaussianReml(SLEEPSTUDY);
        assertTrue(Runtime.fit(analysis, data, request).fit().estimator().startsWith("lmm-"));

        Bundle lmm = Runtime.installed(context, "org.multilevel.lmm");
        lmm.stop();
        assertNoEstimator(analysis, data, request);

        lmm.start();
        Runtime.awaitEstimator(context, "lmm-nested");
        AnalysisResult again = Runtime.fit(analysis, data, request);
        assertTrue(again.fit().estimator().startsWith("lmm-"));
        assertEquals(Runtime.reference("sleepstudy_reml").get("expected").get("logLik").asDouble(),
            again.fit().logLik(), 0.002);
    }

    /**
     * (c) Ranking: lmm-nested (10) wins over lmm-general (0); disabling lmm-nested through the DS runtime lets
     * lmm-general take over without restarting anything, enabling it again restores lmm-nested.
     */
    @Test
    public void theHigherRankedEstimatorWinsAndTheOtherTakesOverWhenItIsDisabled() throws Exception {
        AnalysisService analysis = Runtime.service(context, AnalysisService.class);
        ServiceComponentRuntime scr = Runtime.service(context, ServiceComponentRuntime.class);
        Dataset data = Runtime.read(context, "sleepstudy.csv");
        AnalysisRequest request = Runtime.gaussianReml(SLEEPSTUDY);
        Runtime.awaitEstimator(context, "lmm-nested");
        Runtime.awaitEstimator(context, "lmm-general");

        FitResult nested = Runtime.fit(analysis, data, request).fit();
        assertEquals("lmm-nested", nested.estimator());

        ComponentDescriptionDTO component = estimatorComponent(scr, "lmm-nested");
        scr.disableComponent(component).getValue();
        assertTrue(!scr.isComponentEnabled(component));
        FitResult general = Runtime.fit(analysis, data, request).fit();
        assertEquals("lmm-general", general.estimator());
        // the same model, fitted by the other estimator
        assertEquals(nested.logLik(), general.logLik(), 0.002);

        scr.enableComponent(component).getValue();
        Runtime.awaitEstimator(context, "lmm-nested");
        assertEquals("lmm-nested", Runtime.fit(analysis, data, request).fit().estimator());
    }

    /** (d) With the glmm bundle stopped a binomial model has no estimator while gaussian models keep working. */
    @Test
    public void stoppingTheGlmmBundleOnlyAffectsGeneralizedModels() throws Exception {
        AnalysisService analysis = Runtime.service(context, AnalysisService.class);
        Dataset cbpp = Runtime.read(context, "cbpp.csv");
        Dataset sleep = Runtime.read(context, "sleepstudy.csv");
        AnalysisRequest binomial = Runtime.binomialLaplace(CBPP);
        Runtime.awaitEstimator(context, "glmm-laplace");

        Bundle glmm = Runtime.installed(context, "org.multilevel.glmm");
        glmm.stop();
        assertNoEstimator(analysis, cbpp, binomial);
        assertTrue(Runtime.fit(analysis, sleep, Runtime.gaussianReml(SLEEPSTUDY)).fit().estimator().startsWith("lmm-"));

        glmm.start();
        Runtime.awaitEstimator(context, "glmm-laplace");
        FitResult fit = Runtime.fit(analysis, cbpp, binomial).fit();
        assertEquals("glmm-laplace", fit.estimator());
        JsonNode expected = Runtime.reference("cbpp_binomial_laplace").get("expected");
        assertEquals(expected.get("nobs").asInt(), fit.nobs());
        double refLogLik = expected.get("logLik").asDouble();
        // tolerance of reference/README.md for Laplace fits: not more than 0.01 below lme4
        assertTrue("logLik " + fit.logLik() + " vs lme4 " + refLogLik, fit.logLik() >= refLogLik - 0.01);
    }

    private static void assertNoEstimator(AnalysisService analysis, Dataset data, AnalysisRequest request)
        throws Exception {
        long start = System.nanoTime();
        try {
            AnalysisResult result = Runtime.fit(analysis, data, request);
            fail("expected no estimator, but " + result.fit().estimator() + " fitted " + request.model().formula());
        } catch (NoEstimatorException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().startsWith("no estimator available for this model"));
        }
        assertTrue("the answer took too long", System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
    }

    private static ComponentDescriptionDTO estimatorComponent(ServiceComponentRuntime scr, String name) {
        for (ComponentDescriptionDTO dto : scr.getComponentDescriptionDTOs()) {
            if (name.equals(dto.properties.get(EstimatorProperties.NAME))) return dto;
        }
        fail("no DS component declares " + EstimatorProperties.NAME + "=" + name);
        return null;
    }
}
