package tandem.nn.io;

/** Widening of 16-bit floats to float; both conversions are exact. */
final class HalfFloats {
    private HalfFloats() {}

    /** IEEE 754 binary16: 1 sign, 5 exponent (bias 15), 10 mantissa bits. */
    static float fromF16(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0x1F) return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));   // inf, NaN (payload kept)
        if (exp != 0) return Float.intBitsToFloat(sign | ((exp + 127 - 15) << 23) | (mant << 13));
        // zero or subnormal: mant * 2^-24, exact in float
        float v = mant * 0x1.0p-24f;
        return sign == 0 ? v : -v;
    }

    /** bfloat16 is the top half of a float. */
    static float fromBF16(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }
}
