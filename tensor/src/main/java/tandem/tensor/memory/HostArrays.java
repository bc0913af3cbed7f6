package tandem.tensor.memory;

/** Conversions between host float and double arrays, shared by every backend's downloads and uploads. */
public final class HostArrays {
    private HostArrays() {}

    /** Each value rounded to float. */
    public static float[] toF32(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }

    /** Each value widened to double (exact). */
    public static double[] toF64(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }
}
