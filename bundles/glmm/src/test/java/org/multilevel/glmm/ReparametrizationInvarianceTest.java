package org.multilevel.glmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.FixedEffect;
import org.multilevel.api.fit.Method;
import org.multilevel.api.fit.VarianceComponent;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.Family;
import org.multilevel.api.model.Link;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.model.RandomTerm;
import org.multilevel.data.internal.CsvDataImporter;
import org.multilevel.formula.FormulaModelFrameBuilder;
import org.multilevel.glmm.internal.LaplaceEstimator;
import org.multilevel.transform.internal.CenteringService;

/**
 * The Laplace optimum does not depend on shifting or scaling a predictor (issue 9.1): every GLMM reference
 * case is refitted with its numeric predictors written into the CSV as x + 1000, 0.001 x and 0.001 (x + 1000)
 * (see {@link TransformedCsv}; a case without numeric predictors is refitted unchanged), through the real
 * importer and formula module. The Laplace deviance and log-likelihood must be the same within the reference
 * tolerance, and the estimates correspondingly transformed: the same linear predictor, random-effects
 * variance of each row (z_i' Sigma z_i), and, for a pure rescaling, the same z statistics.
 */
class ReparametrizationInvarianceTest {
    @TempDir
    static Path dir;

    static Stream<Arguments> runs() {
        List<Arguments> out = new ArrayList<>();
        for (String id : List.of("cbpp_binomial_laplace", "verbagg_bernoulli_laplace", "grouseticks_poisson_laplace")) {
            for (TransformedCsv.Kind k : TransformedCsv.Kind.values()) out.add(Arguments.of(id, k));
        }
        return out.stream();
    }

    private static FittedModel fit(Path csv, JsonNode ref) {
        var data = new CsvDataImporter().read(csv, ImportOptions.defaults());
        ModelSpec spec = new ModelSpec(ref.get("formula").asText(), Family.parse(ref.get("family").asText()),
                Link.parse(ref.get("link").asText()), Map.of(), List.of());
        DesignMatrices design = new FormulaModelFrameBuilder(new CenteringService()).build(data, spec);
        return new LaplaceEstimator().fit(design, FitOptions.of(Method.LAPLACE, DdfMethod.SATTERTHWAITE));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void sameOptimumAfterShiftAndScale(String id, TransformedCsv.Kind kind) throws IOException {
        JsonNode ref = ReferenceCheck.reference(id);
        Path source = Fixtures.SHARED.resolve("data").resolve(ref.get("data").asText());
        TransformedCsv.Result t = TransformedCsv.write(source, ref.get("formula").asText(), kind, dir);
        FittedModel a = fit(source, ref);
        FittedModel b = fit(t.file(), ref);
        FitResult ra = a.result();
        FitResult rb = b.result();
        String what = id + " " + kind + " (scaled " + t.scaled() + ", shifted " + t.shifted() + ")";

        assertEquals(ra.converged(), rb.converged(), what + " converged");
        assertEquals(ra.singular(), rb.singular(), what + " singular");
        assertEquals(ra.deviance(), rb.deviance(), 0.02, what + " Laplace deviance");
        assertEquals(ra.logLik(), rb.logLik(), 0.01, what + " log-likelihood");
        double[] ea = a.fixedPrediction();
        double[] eb = b.fixedPrediction();
        for (int i = 0; i < ea.length; i++) {
            assertTrue(Math.abs(ea[i] - eb[i]) <= 1e-3 * Math.max(1, Math.abs(ea[i])),
                    what + " linear predictor of row " + i + ": " + ea[i] + " vs " + eb[i]);
        }
        double[] va = rowVariance(ra, a.design());
        double[] vb = rowVariance(rb, b.design());
        for (int i = 0; i < va.length; i++) {
            assertTrue(Math.abs(va[i] - vb[i]) <= 0.02 * va[i] + 1e-4,
                    what + " random-effects variance of row " + i + ": " + va[i] + " vs " + vb[i]);
        }
        if (t.shifted().isEmpty()) {
            for (FixedEffect fa : ra.fixed()) {
                FixedEffect fb = rb.fixed().stream().filter(x -> x.term().equals(fa.term())).findFirst().orElseThrow();
                assertEquals(fa.statistic(), fb.statistic(), 0.02 * Math.abs(fa.statistic()) + 1e-6,
                        what + " z of " + fa.term());
            }
        }
    }

    /** z_i' Sigma z_i summed over the random terms, per row. */
    private static double[] rowVariance(FitResult r, DesignMatrices d) {
        double[] out = new double[d.rows()];
        for (VarianceComponent vc : r.random()) {
            RandomTerm term = d.random().stream()
                    .filter(x -> vc.group().startsWith(x.group()) && x.effectNames().equals(vc.terms()))
                    .findFirst().orElseThrow();
            int q = term.effects();
            double[][] s = vc.covariance();
            for (int i = 0; i < out.length; i++) {
                double v = 0;
                for (int j = 0; j < q; j++)
                    for (int k = 0; k < q; k++) v += term.z()[i * q + j] * s[j][k] * term.z()[i * q + k];
                out[i] += v;
            }
        }
        return out;
    }
}
