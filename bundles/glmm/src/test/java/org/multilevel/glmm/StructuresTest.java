package org.multilevel.glmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.Method;
import org.multilevel.api.fit.VarianceComponent;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.model.RandomTerm;
import org.multilevel.glmm.internal.LaplaceEstimator;

/**
 * Nested factors and correlated random slopes, against R 4.2 / lme4 1.1-31 fits of the same models on the
 * shared data (values below printed by glmer; see the method comments for the calls).
 */
class StructuresTest {
    private final LaplaceEstimator estimator = new LaplaceEstimator();
    private static final FitOptions LAPLACE = FitOptions.of(Method.LAPLACE, DdfMethod.NONE);

    /** glmer(TICKS ~ factor(YEAR) + scale(HEIGHT) + (1 | LOCATION/BROOD), grouseticks, poisson). */
    @Test
    void nestedFactorsAsLme4() {
        DesignMatrices g = Fixtures.grouseticks();
        Map<String, List<String>> d = Fixtures.csv("grouseticks.csv");
        List<String> inner = new ArrayList<>();
        for (int i = 0; i < g.rows(); i++) inner.add(d.get("BROOD").get(i) + ":" + d.get("LOCATION").get(i));
        Map<String, Integer> index = new LinkedHashMap<>();
        for (String s : inner) index.putIfAbsent(s, index.size());
        int[] of = inner.stream().mapToInt(index::get).toArray();
        double[] ones = new double[g.rows()];
        java.util.Arrays.fill(ones, 1);
        RandomTerm broodInLocation = new RandomTerm("BROOD:LOCATION", new ArrayList<>(index.keySet()), of, List.of("(Intercept)"), ones);
        RandomTerm location = Fixtures.intercept("LOCATION", d.get("LOCATION"));
        DesignMatrices nested = new DesignMatrices(ModelSpec.of("TICKS ~ factor(YEAR) + scale(HEIGHT) + (1 | LOCATION/BROOD)", Family.POISSON),
                g.y(), null, null, g.fixed(), List.of(broodInLocation, location), g.dataRows(), List.of());
        FitResult r = estimator.fit(nested, LAPLACE).result();
        assertEquals(-987.938156936, r.logLik(), 0.01);
        double[] beta = {0.4668622853, 1.1655823505, -0.9779324918, -0.8466355994};
        double[] se = {0.19202162, 0.22978838, 0.25482162, 0.12459437};
        for (int j = 0; j < 4; j++) {
            assertEquals(beta[j], r.fixed().get(j).estimate(), 0.01 * se[j]);
            assertEquals(se[j], r.fixed().get(j).se(), 0.02 * se[j]);
        }
        VarianceComponent brood = r.random().get(0);
        assertEquals("BROOD:LOCATION", brood.group());
        assertEquals(0.7696510877 * 0.7696510877, brood.covariance()[0][0], 0.02 * 0.59 + 1e-4);
        assertEquals(0.5741368746 * 0.5741368746, r.random().get(1).covariance()[0][0], 0.02 * 0.33 + 1e-4);
        assertEquals(Map.of("BROOD:LOCATION", 118, "LOCATION", 63), r.groups());
    }

    /** glmer(cbind(incidence, size - incidence) ~ t + (1 + t | herd), cbpp with t = period - 2.5, binomial). */
    @Test
    void correlatedRandomSlopeAsLme4() {
        DesignMatrices c = Fixtures.cbpp();
        Map<String, List<String>> d = Fixtures.csv("cbpp.csv");
        int n = c.rows();
        double[] t = new double[n];
        for (int i = 0; i < n; i++) t[i] = Double.parseDouble(d.get("period").get(i)) - 2.5;
        RandomTerm herd = Fixtures.intercept("herd", d.get("herd"));
        double[] z = new double[2 * n];
        for (int i = 0; i < n; i++) {
            z[2 * i] = 1;
            z[2 * i + 1] = t[i];
        }
        RandomTerm slope = new RandomTerm("herd", herd.levels(), herd.levelOfRow(), List.of("(Intercept)", "t"), z);
        DesignMatrices m = new DesignMatrices(ModelSpec.of("cbind(incidence, size - incidence) ~ t + (1 + t | herd)", Family.BINOMIAL),
                c.y(), c.weights(), null, new Fixtures.X(n).numeric("t", t).build(), List.of(slope), c.dataRows(), List.of());
        FitResult r = estimator.fit(m, LAPLACE).result();
        assertEquals(-92.0876181409, r.logLik(), 0.01);
        assertEquals(-2.4168989452, r.fixed().get(0).estimate(), 0.01 * 0.2335);
        assertEquals(-0.6024286834, r.fixed().get(1).estimate(), 0.01 * 0.1762);
        assertEquals(0.23351063, r.fixed().get(0).se(), 0.02 * 0.2335);
        assertEquals(0.17623148, r.fixed().get(1).se(), 0.02 * 0.1762);
        double[][] cov = r.random().get(0).covariance();
        double tol = 0.02 * Math.sqrt(0.2971 * 0.1167) + 1e-4;
        assertEquals(0.29709735824, cov[0][0], 0.02 * 0.2971 + 1e-4);
        assertEquals(-0.02239141998, cov[0][1], tol);
        assertEquals(0.11674243336, cov[1][1], 0.02 * 0.1167 + 1e-4);
        assertEquals(5, r.npar()); // 2 fixed effects + 3 covariance parameters, as logLik(m) df in R
        assertFalse(r.singular());
        assertEquals(List.of("(Intercept)", "t"), r.ranef().get("herd").terms());
        assertEquals(2, r.ranef().get("herd").levels().get(0).condSD().length);
    }

    /**
     * Badly conditioned model (YEAR ≈ 96 uncentred, intercept/YEAR correlation −0.9998): the standard errors
     * must come from an accurate Hessian. R 4.2, lme4 1.1-31: m <- glmer(TICKS ~ YEAR + (1 | LOCATION/BROOD),
     * grouseticks, poisson) gives logLik −1032.257203, (Intercept) 42.3630121; its vcov(m) SEs 17.1259 / 0.178462
     * are finite-difference error of deriv12 (step 1e-4 on the unscaled β): at a point 1.4e-12 worse in deviance
     * the same deriv12 gives 17.459 / 0.18193. The accurate value, numDeriv::hessian (Richardson, d = 1e-2 and
     * 1e-3) of update(m, devFunOnly = TRUE) over (θ, β) with YEAR centred, transformed back: 16.7402 / 0.174444.
     */
    @Test
    void uncentredCovariateStandardErrorsFromAnAccurateHessian() {
        Map<String, List<String>> d = Fixtures.csv("grouseticks.csv");
        double[] y = Fixtures.num(d.get("TICKS"));
        int n = y.length;
        List<String> inner = new ArrayList<>();
        for (int i = 0; i < n; i++) inner.add(d.get("BROOD").get(i) + ":" + d.get("LOCATION").get(i));
        Map<String, Integer> index = new LinkedHashMap<>();
        for (String s : inner) index.putIfAbsent(s, index.size());
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1);
        RandomTerm brood = new RandomTerm("BROOD:LOCATION", new ArrayList<>(index.keySet()),
                inner.stream().mapToInt(index::get).toArray(), List.of("(Intercept)"), ones);
        DesignMatrices m = new DesignMatrices(ModelSpec.of("TICKS ~ YEAR + (1 | LOCATION/BROOD)", Family.POISSON), y, null, null,
                new Fixtures.X(n).numeric("YEAR", Fixtures.num(d.get("YEAR"))).build(),
                List.of(brood, Fixtures.intercept("LOCATION", d.get("LOCATION"))), Fixtures.rows(n), List.of());
        FitResult r = estimator.fit(m, LAPLACE).result();
        assertEquals(-1032.257203, r.logLik(), 0.002);
        assertEquals(42.3630121, r.fixed().get(0).estimate(), 0.01 * 17.13);
        assertEquals(16.7402, r.fixed().get(0).se(), 0.005 * 16.74);
        assertEquals(0.174444, r.fixed().get(1).se(), 0.005 * 0.1744);
    }
}
