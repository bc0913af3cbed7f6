package tandem.tensor;

/** Host memory: a Java {@code float[]} for F32 or {@code double[]} for F64. */
public final class CpuStorage extends Storage {
    private final float[] f32;
    private final double[] f64;

    private CpuStorage(float[] f32, double[] f64, DType dtype, long length) {
        super(Device.CPU, dtype, length, null);
        this.f32 = f32;
        this.f64 = f64;
    }

    public static CpuStorage wrap(float[] data) { return new CpuStorage(data, null, DType.F32, data.length); }

    public static CpuStorage wrap(double[] data) { return new CpuStorage(null, data, DType.F64, data.length); }

    public static CpuStorage allocate(DType dtype, long length) {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cpu storage of " + length + " elements exceeds the Java array limit");
        }
        return dtype == DType.F32 ? wrap(new float[(int) length]) : wrap(new double[(int) length]);
    }

    /** The backing array of an F32 storage. */
    public float[] f32() {
        checkOpen();
        if (f32 == null) throw new IllegalStateException("storage is " + dtype() + ", not F32");
        return f32;
    }

    /** The backing array of an F64 storage. */
    public double[] f64() {
        checkOpen();
        if (f64 == null) throw new IllegalStateException("storage is " + dtype() + ", not F64");
        return f64;
    }

    public double get(int i) {
        checkOpen();
        return f32 != null ? f32[i] : f64[i];
    }

    public void set(int i, double v) {
        checkOpen();
        if (f32 != null) f32[i] = (float) v; else f64[i] = v;
    }
}
