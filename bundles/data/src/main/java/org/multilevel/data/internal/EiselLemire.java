package org.multilevel.data.internal;

import java.math.BigInteger;

/**
 * The Eisel-Lemire algorithm (Lemire, "Number parsing at a gigabyte per second", 2021): the correctly rounded
 * double nearest w·10^q from one or two 64×64-bit multiplications by a 128-bit truncated power of five. Used
 * for significands of 16 to 18 digits (full-precision output such as Java's {@code Double.toString}), where
 * the plain Clinger fast path does not apply. Where the algorithm cannot decide (a subnormal or overflowing
 * result, an exponent outside the table, a product too close to call), it answers -1 and the caller falls back
 * to {@link Double#parseDouble}.
 */
final class EiselLemire {
    static final long UNDECIDED = -1L;
    private static final int SMALLEST_POWER = -342;
    private static final int LARGEST_POWER = 308;
    private static final long[] HIGH = new long[LARGEST_POWER - SMALLEST_POWER + 1];
    private static final long[] LOW = new long[LARGEST_POWER - SMALLEST_POWER + 1];

    static {
        // 5^q normalized to 128 bits: truncated for q >= 0, the reciprocal rounded up for q < 0
        BigInteger two128 = BigInteger.ONE.shiftLeft(128);
        BigInteger two127 = BigInteger.ONE.shiftLeft(127);
        BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        BigInteger five = BigInteger.valueOf(5);
        for (int q = SMALLEST_POWER; q <= LARGEST_POWER; q++) {
            BigInteger c;
            if (q < 0) {
                BigInteger power = five.pow(-q);
                int z = power.bitLength();
                int b = q >= -27 ? z + 127 : 2 * z + 128;
                c = BigInteger.ONE.shiftLeft(b).divide(power).add(BigInteger.ONE);
                while (c.compareTo(two128) >= 0) c = c.shiftRight(1);
            } else {
                c = five.pow(q);
                while (c.compareTo(two127) < 0) c = c.shiftLeft(1);
                while (c.compareTo(two128) >= 0) c = c.shiftRight(1);
            }
            HIGH[q - SMALLEST_POWER] = c.shiftRight(64).longValue();
            LOW[q - SMALLEST_POWER] = c.and(mask).longValue();
        }
    }

    private EiselLemire() {
    }

    /**
     * @param w a positive significand (below 2^63)
     * @param q the decimal exponent
     * @return the bits of the nearest double to w·10^q, or {@link #UNDECIDED}
     */
    static long toBits(long w, int q) {
        if (w <= 0 || q < SMALLEST_POWER || q > LARGEST_POWER) return UNDECIDED;
        int lz = Long.numberOfLeadingZeros(w);
        w <<= lz;
        int index = q - SMALLEST_POWER;
        long low = w * HIGH[index];
        long high = unsignedMultiplyHigh(w, HIGH[index]);
        long precisionMask = 0xFFFFFFFFFFFFFFFFL >>> 55; // 52 mantissa bits + 3
        if ((high & precisionMask) == precisionMask) {
            long second = unsignedMultiplyHigh(w, LOW[index]);
            long sum = low + second;
            if (Long.compareUnsigned(second, sum) > 0) high++;
            low = sum;
        }
        if (low == -1L && (q < -27 || q > 55)) return UNDECIDED; // the truncated product may be short by one
        int upperBit = (int) (high >>> 63);
        int shift = upperBit + 64 - 52 - 3;
        long mantissa = high >>> shift;
        int power2 = power(q) + upperBit - lz + 1023;
        if (power2 <= 0) return UNDECIDED; // subnormal
        if (Long.compareUnsigned(low, 1) <= 0 && q >= -4 && q <= 23 && (mantissa & 3) == 1
                && (mantissa << shift) == high) {
            mantissa &= ~1L; // exactly halfway: round to even
        }
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if (mantissa >= (2L << 52)) {
            mantissa = 1L << 52;
            power2++;
        }
        mantissa &= ~(1L << 52);
        if (power2 >= 0x7FF) return UNDECIDED; // overflow
        return mantissa | ((long) power2 << 52);
    }

    /** floor(log2(10^q)) + 63, exact over the table's range. */
    private static int power(int q) {
        return (((152170 + 65536) * q) >> 16) + 63;
    }

    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }
}
