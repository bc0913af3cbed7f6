package tandem.kernels.cuda;

import java.util.List;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import tandem.kernels.device.DeviceBackend;
import tandem.kernels.device.Grid;
import tandem.kernels.device.KernelArgs;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.memory.Storage;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD8;

/**
 * The CUDA backend through JCuda's driver API: the device's primary context, the shared kernels as PTX modules
 * ({@link CudaKernels}), memory as {@link CudaStorage}. Launches go to the default stream; copies to the host are
 * synchronous, so a download sees every launch before it. Every call makes the context current on its thread first.
 */
public final class CudaBackend extends DeviceBackend {
    private final Device device;
    private final CudaDriver.Opened opened;
    private final CudaKernels kernels = new CudaKernels();

    private CudaBackend(Device device, CudaDriver.Opened opened) {
        this.device = device;
        this.opened = opened;
    }

    /** Opens {@code device} (type CUDA); throws IllegalStateException with the precise reason when it cannot. */
    public static CudaBackend open(Device device) {
        CudaBackend b = new CudaBackend(device, CudaDriver.open(device.index()));
        b.current();
        b.kernels.module(DType.F32); // fail now, with the reason, rather than at the first op
        return b;
    }

    private void current() { cuCtxSetCurrent(opened.context()); }

    @Override
    public Device device() { return device; }

    @Override
    public boolean supportsF64() { return true; }

    @Override
    public String deviceName() { return opened.name(); }

    // ---- memory -------------------------------------------------------------------------------------------
    @Override
    protected Storage newBuffer(DType dtype, long length) {
        current();
        CUdeviceptr p = new CUdeviceptr();
        cuMemAlloc(p, Math.max(1, length) * dtype.bytes());
        return new CudaStorage(device, dtype, length, opened.context(), p);
    }

    @Override
    protected void zero(Storage s) {
        current();
        cuMemsetD8(ptr(s), (byte) 0, s.bytes());
    }

    @Override
    protected void writeFrom(Storage s, float[] host) {
        current();
        cuMemcpyHtoD(ptr(s), Pointer.to(host), s.bytes());
    }

    @Override
    protected void writeFrom(Storage s, double[] host) {
        current();
        cuMemcpyHtoD(ptr(s), Pointer.to(host), s.bytes());
    }

    @Override
    protected void readInto(Storage s, float[] out) {
        current();
        cuMemcpyDtoH(Pointer.to(out), ptr(s), s.bytes());
    }

    @Override
    protected void readInto(Storage s, double[] out) {
        current();
        cuMemcpyDtoH(Pointer.to(out), ptr(s), s.bytes());
    }

    private CUdeviceptr ptr(Storage s) {
        if (!(s instanceof CudaStorage c) || !s.device().equals(device)) {
            throw new IllegalArgumentException("storage on " + s.device() + " passed to the backend of " + device);
        }
        return c.ptr();
    }

    // ---- launch -------------------------------------------------------------------------------------------
    /** The kernel between two events on the default stream; waits for the second. CUDA times events to about 0.5 us. */
    @Override
    protected synchronized long enqueueTimed(String name, DType program, KernelArgs args, Grid grid) {
        current();
        CUevent start = new CUevent(), end = new CUevent();
        cuEventCreate(start, CUevent_flags.CU_EVENT_DEFAULT);
        cuEventCreate(end, CUevent_flags.CU_EVENT_DEFAULT);
        try {
            cuEventRecord(start, null);
            enqueue(name, program, args, grid);
            cuEventRecord(end, null);
            cuEventSynchronize(end);
            float[] ms = new float[1];
            cuEventElapsedTime(ms, start, end);
            return Math.round(ms[0] * 1e6);
        } finally {
            cuEventDestroy(start);
            cuEventDestroy(end);
        }
    }

    @Override
    protected synchronized void enqueue(String name, DType program, KernelArgs args, Grid grid) {
        current();
        List<KernelArgs.Arg> list = args.list();
        Pointer[] params = new Pointer[list.size()];
        for (int i = 0; i < params.length; i++) params[i] = param(list.get(i), program);
        int[] blocks = {1, 1, 1}, threads = {1, 1, 1};
        for (int d = 0; d < grid.dims(); d++) {
            threads[d] = grid.local()[d];
            blocks[d] = Math.toIntExact(grid.global()[d] / grid.local()[d]);
        }
        cuLaunchKernel(kernels.function(program, name), blocks[0], blocks[1], blocks[2],
                threads[0], threads[1], threads[2], 0, null, Pointer.to(params), null);
    }

    private Pointer param(KernelArgs.Arg a, DType program) {
        if (a instanceof KernelArgs.I32 v) return Pointer.to(new int[] {v.value()});
        if (a instanceof KernelArgs.I64 v) return Pointer.to(new long[] {v.value()});
        if (a instanceof KernelArgs.Real v) {
            return program == DType.F64 ? Pointer.to(new double[] {v.value()}) : Pointer.to(new float[] {(float) v.value()});
        }
        if (a instanceof KernelArgs.Acc v) return Pointer.to(new double[] {v.value()}); // acc is double under CUDA
        if (a instanceof KernelArgs.Ints v) return Pointer.to(v.values());
        if (a instanceof KernelArgs.Buffer v) return Pointer.to(ptr(v.storage()));
        throw new IllegalStateException("unknown kernel argument " + a);
    }

    @Override
    public String toString() { return "CudaBackend[" + device + ": " + deviceName() + "]"; }
}
