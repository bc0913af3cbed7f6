package tandem.emotion.synth;

/**
 * SplitMix64 with Box-Muller normals. The corpus must be byte-identical for a seed on every JDK,
 * so it does not rely on the JDK's generators, whose algorithms are not part of their contract.
 */
final class SynthRandom {
    private long state;
    private double spareNormal = Double.NaN;

    SynthRandom(long seed) {
        this.state = seed;
    }

    /** A seed for an independent stream derived from this seed and a path of integers. */
    static long derive(long seed, long... path) {
        long h = mix(seed ^ 0x5DEECE66DL);
        for (long p : path) h = mix(h ^ mix(p + 0x9E3779B97F4A7C15L));
        return h;
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    int nextInt(int bound) {
        return (int) Math.floor(nextDouble() * bound);
    }

    boolean chance(double p) {
        return nextDouble() < p;
    }

    double gaussian() {
        if (!Double.isNaN(spareNormal)) {
            double s = spareNormal;
            spareNormal = Double.NaN;
            return s;
        }
        double u = 1.0 - nextDouble(); // (0, 1]: keeps log finite
        double v = nextDouble();
        double r = Math.sqrt(-2 * Math.log(u));
        spareNormal = r * Math.sin(2 * Math.PI * v);
        return r * Math.cos(2 * Math.PI * v);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
