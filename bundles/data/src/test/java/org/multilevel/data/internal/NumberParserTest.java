package org.multilevel.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NumberParserTest {
    private static double parse(String s, char mark) {
        char[] chars = s.toCharArray();
        return NumberParser.parse(chars, 0, chars.length, mark);
    }

    private static void assertSameAsJdk(String text) {
        double expected = Double.parseDouble(text);
        double actual = parse(text, '.');
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                () -> text + ": expected " + expected + " got " + actual);
    }

    @Test
    void plainDecimalsEqualDoubleParseDoubleExactly() {
        Random random = new Random(20261122L);
        for (int i = 0; i < 50_000; i++) {
            int intDigits = random.nextInt(10);
            int fracDigits = random.nextInt(12);
            StringBuilder sb = new StringBuilder();
            if (random.nextInt(4) == 0) sb.append('-');
            for (int d = 0; d < intDigits; d++) sb.append((char) ('0' + random.nextInt(10)));
            if (intDigits == 0 || fracDigits > 0 && random.nextBoolean()) {
                sb.append('.');
                for (int d = 0; d < Math.max(1, fracDigits); d++) sb.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextInt(5) == 0) sb.append('e').append(random.nextInt(61) - 30);
            assertSameAsJdk(sb.toString());
        }
    }

    @Test
    void printedDoublesRoundTrip() {
        Random random = new Random(7L);
        for (int i = 0; i < 10_000; i++) {
            double v = random.nextGaussian() * Math.pow(10, random.nextInt(20) - 10);
            assertSameAsJdk(Double.toString(v));
            assertSameAsJdk(String.format(Locale.ROOT, "%.6f", v));
            assertSameAsJdk(String.format(Locale.ROOT, "%.15g", v));
        }
    }

    @Test
    void fullPrecisionDoublesRoundTripThroughEiselLemire() {
        Random random = new Random(11L);
        for (int i = 0; i < 100_000; i++) {
            double v = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(v)) continue;
            assertSameAsJdk(Double.toString(v));
            assertSameAsJdk(Double.toString(random.nextDouble() * 100 - 50));
        }
    }

    @Test
    void randomSixteenToEighteenDigitSignificandsAtAllExponents() {
        Random random = new Random(13L);
        for (int i = 0; i < 100_000; i++) {
            int digits = 16 + random.nextInt(3);
            StringBuilder sb = new StringBuilder();
            sb.append((char) ('1' + random.nextInt(9)));
            for (int d = 1; d < digits; d++) sb.append((char) ('0' + random.nextInt(10)));
            int point = random.nextInt(digits + 1);
            sb.insert(point, '.');
            sb.append('e').append(random.nextInt(680) - 350);
            assertSameAsJdk(sb.toString());
        }
    }

    @Test
    void halfwayAndBoundaryCases() {
        for (String s : new String[] {"9007199254740993", "9007199254740995", "9007199254740992.5",
            "2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014e-308",
            "4.9406564584124654e-324", "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
            "7.2057594037927933e16", "3.0517578125e-5", "1.00000000000000011102230246251565404236316680908203125",
            "0.30000000000000004", "123456789012345678", "999999999999999999e-340", "1e23", "8.98846567431158e307",
            "5e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "0.1e-400", "9.9e400"}) {
            assertSameAsJdk(s);
            assertSameAsJdk("-" + s);
        }
    }

    @Test
    void edgeCasesFollowTheSlowPathCorrectly() {
        for (String s : new String[] {"0", "-0", "+0.0", "1.", ".5", "-.5", "1e308", "1e-320", "4.9e-324",
            "1.7976931348623157e308", "123456789012345678901234567890", "0.1000000000000000055511151231257827",
            "9007199254740993", "1E5", "1e+5", "00012.50", "0.000000000000000000000000001"}) {
            assertSameAsJdk(s);
        }
    }

    @Test
    void textsThatAreNotPlainNumbersAreRejected() {
        for (String s : new String[] {"", "-", "+", ".", "1d", "1f", "Inf", "-Inf", "NaN", "Infinity", "0x1p3",
            "1e", "e5", "1.2.3", "1,5", "1 000", "abc", "12a", "--1", "1e+"}) {
            assertTrue(Double.isNaN(parse(s, '.')), s);
        }
    }

    @Test
    void decimalCommaIsReadWhenAsked() {
        assertEquals(3.14, parse("3,14", ','));
        assertEquals(-0.5, parse("-0,5", ','));
        assertEquals(1.5e-3, parse("1,5e-3", ','));
        assertEquals(0.1000000000000000055511151231257827, parse("0,1000000000000000055511151231257827", ','));
        assertTrue(Double.isNaN(parse("3.14", ',')));
    }
}
