package org.multilevel.derived;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.multilevel.api.MultilevelException;

class OlsFitTest {
    // y = 1 + 2x exactly plus known deviations; R: lm(y ~ x) with x = 1..6, y = c(3.1, 4.9, 7.2, 8.8, 11.1, 13.0)
    private static final double[] X1 = {1, 2, 3, 4, 5, 6};
    private static final double[] Y = {3.1, 4.9, 7.2, 8.8, 11.1, 13.0};

    private static double[] design(double[]... columns) {
        int n = columns[0].length;
        int p = columns.length;
        double[] x = new double[n * p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) x[i * p + j] = columns[j][i];
        }
        return x;
    }

    private static double[] ones(int n) {
        double[] o = new double[n];
        java.util.Arrays.fill(o, 1);
        return o;
    }

    @Test
    void simpleRegressionMatchesClosedForm() {
        OlsFit f = OlsFit.fit(design(ones(6), X1), 6, 2, Y, List.of("(Intercept)", "x"));
        // closed form: slope = Sxy / Sxx, intercept = ybar - slope xbar
        double xbar = 3.5;
        double ybar = 0;
        for (double v : Y) ybar += v / 6;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < 6; i++) {
            sxy += (X1[i] - xbar) * (Y[i] - ybar);
            sxx += (X1[i] - xbar) * (X1[i] - xbar);
        }
        double slope = sxy / sxx;
        assertEquals(slope, f.coefficients().get(1).estimate(), 1e-12);
        assertEquals(ybar - slope * xbar, f.coefficients().get(0).estimate(), 1e-12);
        double rss = 0;
        double tss = 0;
        for (int i = 0; i < 6; i++) {
            double e = Y[i] - (ybar - slope * xbar) - slope * X1[i];
            rss += e * e;
            tss += (Y[i] - ybar) * (Y[i] - ybar);
        }
        assertEquals(Math.sqrt(rss / 4), f.sigma(), 1e-12);
        assertEquals(Math.sqrt(rss / 4 / sxx), f.coefficients().get(1).se(), 1e-12);
        assertEquals(1 - rss / tss, f.r2(), 1e-12);
        assertEquals(1 - (rss / 4) / (tss / 5), f.adjR2(), 1e-12);
        double t = f.coefficients().get(1).statistic();
        assertEquals(t * t, f.f(), 1e-9, "F = t^2 with one slope");
        assertEquals(f.coefficients().get(1).p(), f.fP(), 1e-9);
        assertEquals(1, f.fNumDf());
        assertEquals(4, f.fDenDf());
    }

    @Test
    void aliasedColumnIsNullAndTheRestUnchanged() {
        double[] twice = new double[6];
        for (int i = 0; i < 6; i++) twice[i] = 2 * X1[i];
        OlsFit full = OlsFit.fit(design(ones(6), X1), 6, 2, Y, List.of("(Intercept)", "x"));
        OlsFit aliased = OlsFit.fit(design(ones(6), X1, twice), 6, 3, Y, List.of("(Intercept)", "x", "x2"));
        assertEquals(2, aliased.rank());
        assertNull(aliased.coefficient("x2").estimate());
        assertEquals(full.coefficient("x").estimate(), aliased.coefficient("x").estimate(), 1e-12);
        assertEquals(full.coefficient("x").se(), aliased.coefficient("x").se(), 1e-12);
        assertEquals(full.residualDf(), aliased.residualDf());
    }

    @Test
    void withoutInterceptR2IsAboutZeroAsInR() {
        OlsFit f = OlsFit.fit(design(X1), 6, 1, Y, List.of("x"));
        double b = f.coefficients().get(0).estimate();
        double rss = 0;
        double ss = 0;
        for (int i = 0; i < 6; i++) {
            rss += (Y[i] - b * X1[i]) * (Y[i] - b * X1[i]);
            ss += Y[i] * Y[i];
        }
        assertEquals(1 - rss / ss, f.r2(), 1e-12);
        assertEquals(1, f.fNumDf());
    }

    @Test
    void tooFewRowsIsAClearError() {
        MultilevelException e = assertThrows(MultilevelException.class,
                () -> OlsFit.fit(design(ones(2), new double[] {1, 2}), 2, 2, new double[] {1, 2},
                        List.of("(Intercept)", "x")));
        assertTrue(e.getMessage().contains("2 rows cannot estimate 2 coefficients"), e.getMessage());
    }
}
