package tandem.tensor.memory;

import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.DeviceType;

/**
 * Host memory: a Java {@code float[]} for F32 or {@code double[]} for F64.
 *
 * <p>A storage either owns its array or borrows it. Owned arrays come from the {@link BufferPool} ({@link #allocate},
 * {@link #allocateForOverwrite}, or {@link #adopt} for a kernel's result) and go back to it when the storage is
 * explicitly closed; borrowed ones ({@link #wrap}) are never recycled, because the caller may still hold them. Once closed, a storage hands out
 * nothing: every accessor fails, so a recycled array can only be reached through the storage that takes it next.
 */
public final class CpuStorage extends Storage {
    private final float[] f32;
    private final double[] f64;
    private final boolean owned;

    private CpuStorage(Device device, float[] f32, double[] f64, DType dtype, long length, boolean owned) {
        super(device, dtype, length, null);
        this.f32 = f32;
        this.f64 = f64;
        this.owned = owned;
    }

    /** A storage over {@code data}, which the caller may keep using; it is never recycled. */
    public static CpuStorage wrap(float[] data) { return wrap(Device.CPU, data); }

    public static CpuStorage wrap(double[] data) { return wrap(Device.CPU, data); }

    /** {@link #wrap(float[])} on one of the host devices ({@link Device#CPU} or {@link Device#CPU_REFERENCE}). */
    public static CpuStorage wrap(Device device, float[] data) {
        return new CpuStorage(host(device), data, null, DType.F32, data.length, false);
    }

    public static CpuStorage wrap(Device device, double[] data) {
        return new CpuStorage(host(device), null, data, DType.F64, data.length, false);
    }

    /**
     * A storage that takes ownership of {@code data}, an array a kernel took from {@link BufferPool#global()} for its
     * result and holds no other reference to; on close the array goes back to the pool. (The pool refuses arrays it
     * did not lend, so adopting any other array just leaves it to the garbage collector.)
     */
    public static CpuStorage adopt(float[] data) { return adopt(Device.CPU, data); }

    public static CpuStorage adopt(double[] data) { return adopt(Device.CPU, data); }

    /** {@link #adopt(float[])} on one of the host devices. */
    public static CpuStorage adopt(Device device, float[] data) {
        return new CpuStorage(host(device), data, null, DType.F32, data.length, true);
    }

    public static CpuStorage adopt(Device device, double[] data) {
        return new CpuStorage(host(device), null, data, DType.F64, data.length, true);
    }

    /** A zero-filled storage, from the pool when an array of this size is free. */
    public static CpuStorage allocate(DType dtype, long length) { return allocate(Device.CPU, dtype, length, true); }

    /** {@link #allocate(DType, long)} on one of the host devices. */
    public static CpuStorage allocate(Device device, DType dtype, long length) { return allocate(device, dtype, length, true); }

    /**
     * A storage whose contents are arbitrary (a recycled array is not cleared): for kernels that write every
     * element before anything reads one.
     */
    public static CpuStorage allocateForOverwrite(DType dtype, long length) { return allocate(Device.CPU, dtype, length, false); }

    public static CpuStorage allocateForOverwrite(Device device, DType dtype, long length) {
        return allocate(device, dtype, length, false);
    }

    private static Device host(Device device) {
        if (device.type() != DeviceType.CPU) throw new IllegalArgumentException("host storage on " + device + ": not a CPU device");
        return device;
    }

    private static CpuStorage allocate(Device device, DType dtype, long length, boolean zeroed) {
        if (length < 0) throw new IllegalArgumentException("cpu storage: negative length " + length);
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cpu storage of " + length + " elements exceeds the Java array limit");
        }
        BufferPool pool = BufferPool.global();
        return dtype == DType.F32 ? adopt(device, pool.takeF32((int) length, zeroed)) : adopt(device, pool.takeF64((int) length, zeroed));
    }

    /** True when closing this storage returns its array to the pool. */
    public boolean isPooled() { return owned; }

    @Override
    protected void afterClose() {
        if (!owned) return;
        if (f32 != null) BufferPool.global().give(f32); else BufferPool.global().give(f64);
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
