package org.multilevel.lmm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.multilevel.api.data.ImportOptions;
import org.multilevel.api.fit.DdfMethod;
import org.multilevel.api.fit.Estimator;
import org.multilevel.api.fit.FitOptions;
import org.multilevel.api.fit.FitResult;
import org.multilevel.api.fit.FittedModel;
import org.multilevel.api.fit.FixedEffect;
import org.multilevel.api.fit.Method;
import org.multilevel.api.fit.VarianceComponent;
import org.multilevel.api.model.DesignMatrices;
import org.multilevel.api.model.ModelSpec;
import org.multilevel.api.model.RandomTerm;
import org.multilevel.data.internal.CsvDataImporter;
import org.multilevel.formula.FormulaModelFrameBuilder;
import org.multilevel.transform.internal.CenteringService;

/**
 * The optimum of a mixed model does not depend on shifting or scaling a predictor (issue 9.1): every gaussian
 * reference case is refitted with its numeric predictors written into the CSV as x + 1000, 0.001 x and
 * 0.001 (x + 1000) (the shift only where the model is invariant to it, see {@link TransformedCsv}), through
 * the real importer, formula module and both estimators. The ML log-likelihood must be the same, the REML
 * criterion the same up to 2 log|det T| for X -> X T, and the estimates correspondingly transformed: the
 * same fitted values (fixed and conditional), residual variance and random-effects variance of each row
 * (z_i' Sigma z_i); a pure rescaling leaves t statistics and Satterthwaite df unchanged.
 */
class ReparametrizationInvarianceTest {
    @TempDir
    static Path dir;

    static Stream<Arguments> runs() {
        List<Arguments> out = new ArrayList<>();
        for (ReferenceCasesTest.Case c : ReferenceCasesTest.cases()) {
            for (TransformedCsv.Kind k : TransformedCsv.Kind.values()) {
                out.add(Arguments.of(c.id(), k, c, new GeneralLmmEstimator()));
                if (c.nested()) out.add(Arguments.of(c.id(), k, c, new NestedLmmEstimator()));
            }
        }
        return out.stream();
    }

    private static FittedModel fit(Path csv, String formula, Method method, Estimator estimator) throws IOException {
        var ds = new CsvDataImporter().read(csv, ImportOptions.defaults());
        DesignMatrices d = new FormulaModelFrameBuilder(new CenteringService()).build(ds, ModelSpec.gaussian(formula));
        return estimator.fit(d, FitOptions.of(method, DdfMethod.SATTERTHWAITE));
    }

    @ParameterizedTest(name = "{0} {1} {3}")
    @MethodSource("runs")
    void sameOptimumAfterShiftAndScale(String id, TransformedCsv.Kind kind, ReferenceCasesTest.Case c,
                                       Estimator estimator) throws IOException {
        JsonNode ref = ReferenceCasesTest.reference(id);
        String formula = ref.get("formula").asText();
        Method method = Method.parse(ref.get("method").asText());
        Path source = CsvDesigns.SHARED.resolve("data").resolve(c.data());
        TransformedCsv.Result t = TransformedCsv.write(source, formula, kind, dir);
        FittedModel a = fit(source, formula, method, estimator);
        FittedModel b = fit(t.file(), formula, method, estimator);
        FitResult ra = a.result();
        FitResult rb = b.result();
        String what = id + " " + kind + " (scaled " + t.scaled() + ", shifted " + t.shifted() + ")";

        assertEquals(ra.converged(), rb.converged(), what + " converged");
        assertEquals(ra.singular(), rb.singular(), what + " singular");
        if (method == Method.ML) {
            assertEquals(ra.logLik(), rb.logLik(), 0.002, what + " ML log-likelihood");
        } else {
            // REML criterion of X T = criterion of X + 2 log|det T|
            double shiftBy = 2 * t.logDetFixed(a.design().fixed().columnNames());
            assertEquals(ra.remlCriterion() + shiftBy, rb.remlCriterion(), 0.004, what + " REML criterion");
        }
        double sigma = Math.sqrt(ra.sigma2());
        assertEquals(ra.sigma2(), rb.sigma2(), 0.002 * ra.sigma2(), what + " sigma2");
        assertClose(a.fixedPrediction(), b.fixedPrediction(), 1e-3 * sigma, what + " fixed prediction");
        assertClose(a.conditionalPrediction(), b.conditionalPrediction(), 1e-3 * sigma, what + " conditional prediction");
        double[] va = rowVariance(ra, a.design());
        double[] vb = rowVariance(rb, b.design());
        for (int i = 0; i < va.length; i++) {
            double tol = 0.01 * va[i] + 1e-4 * ra.sigma2();
            assertTrue(Math.abs(va[i] - vb[i]) <= tol, what + " random-effects variance of row " + i + ": " + va[i]
                    + " vs " + vb[i]);
        }
        if (t.shifted().isEmpty()) {
            // a pure rescaling: each coefficient is scaled, its t statistic and df are not
            for (FixedEffect fa : ra.fixed()) {
                FixedEffect fb = rb.fixed().stream().filter(x -> x.term().equals(fa.term())).findFirst().orElseThrow();
                assertEquals(fa.statistic(), fb.statistic(), 0.005 * Math.abs(fa.statistic()) + 1e-6,
                        what + " t of " + fa.term());
                if (fa.df() != null) assertEquals(fa.df(), fb.df(), 0.01 * fa.df(), what + " df of " + fa.term());
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

    private static void assertClose(double[] a, double[] b, double tol, String what) {
        assertEquals(a.length, b.length, what + " length");
        for (int i = 0; i < a.length; i++) {
            assertTrue(Math.abs(a[i] - b[i]) <= tol, what + " row " + i + ": " + a[i] + " vs " + b[i]);
        }
    }
}
