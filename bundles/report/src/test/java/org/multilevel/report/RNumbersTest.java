package org.multilevel.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.multilevel.report.text.RNumbers;

/** Expected strings are what R 4.2 prints for the same calls. */
class RNumbersTest {
    @Test
    void pValuesAsFormatPval() {
        assertEquals("<2e-16", RNumbers.pValue(1.17e-17));
        assertEquals("1.23e-05", RNumbers.pValue(1.2345e-5));
        assertEquals("0.0123", RNumbers.pValue(0.012345));
        assertEquals("0.5", RNumbers.pValue(0.5));
        assertEquals("NA", RNumbers.pValue(Double.NaN));
    }

    @Test
    void starsAtRsCutPoints() {
        assertEquals("***", RNumbers.stars(0.0009));
        assertEquals("**", RNumbers.stars(0.009));
        assertEquals("*", RNumbers.stars(0.049));
        assertEquals(".", RNumbers.stars(0.09));
        assertEquals("", RNumbers.stars(0.2));
    }

    @Test
    void columnsShareDecimalsLikeFormat() {
        // format(c(612.100158, 35.0717145, 654.940008), digits = 4)
        assertArrayEquals(new String[] {"612.10", "35.07", "654.94"},
                RNumbers.column(new double[] {612.100158, 35.0717145, 654.940008}, 4));
        // format(c(12.0591, 0.1910), digits = 4)
        assertArrayEquals(new String[] {"12.059", "0.191"}, RNumbers.column(new double[] {12.0591, 0.1910}, 4));
        // format(c(1e-20, 2.5e-20), digits = 4)
        assertArrayEquals(new String[] {"1.0e-20", "2.5e-20"}, RNumbers.column(new double[] {1e-20, 2.5e-20}, 4));
        assertArrayEquals(new String[] {"NA", "1"}, RNumbers.column(new double[] {Double.NaN, 1}, 4));
        assertEquals("0.00", RNumbers.fixed(-0.0001, 2));
    }

    @Test
    void coefficientsRoundToTheSmallestMagnitude() {
        // printCoefmat: Estimate and Std. Error of sleepstudy
        assertArrayEquals(new String[] {"251.405", "10.467", "6.825", "1.546"},
                RNumbers.coefficients(new double[] {251.405104848, 10.46728596, 6.82459669, 1.54578964}, 4));
    }
}
