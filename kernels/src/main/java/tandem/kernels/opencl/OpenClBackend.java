package tandem.kernels.opencl;

import java.util.List;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_event;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_queue_properties;
import tandem.kernels.device.DeviceBackend;
import tandem.kernels.device.Grid;
import tandem.kernels.device.KernelArgs;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.memory.Storage;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_PROFILING_COMMAND_END;
import static org.jocl.CL.CL_PROFILING_COMMAND_START;
import static org.jocl.CL.CL_QUEUE_PROFILING_ENABLE;
import static org.jocl.CL.CL_QUEUE_PROPERTIES;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clCreateCommandQueue;
import static org.jocl.CL.clCreateCommandQueueWithProperties;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clEnqueueFillBuffer;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clGetEventProfilingInfo;
import static org.jocl.CL.clReleaseEvent;
import static org.jocl.CL.clReleaseMemObject;
import static org.jocl.CL.clSetKernelArg;
import static org.jocl.CL.clWaitForEvents;

/**
 * The OpenCL backend: one context and one in-order queue on the selected device ({@link OpenClDevices}), the shared
 * kernels compiled as OpenCL C ({@link OpenClPrograms}), buffers as {@link ClStorage}. Host reads block, so a download
 * sees every launch enqueued before it. F64 only on devices with cl_khr_fp64. The queue has profiling enabled, so
 * that while a profiler records each kernel's device time comes from its event.
 */
public final class OpenClBackend extends DeviceBackend {
    private final Device device;
    private final OpenClDevices.Found found;
    private final cl_context context;
    private final cl_command_queue queue;
    private final OpenClPrograms programs;

    private OpenClBackend(Device device, OpenClDevices.Found found) {
        this.device = device;
        this.found = found;
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL_CONTEXT_PLATFORM, found.platform());
        cl_device_id[] devices = {found.device()};
        this.context = clCreateContext(props, 1, devices, null, null, null);
        // clCreateCommandQueueWithProperties exists from OpenCL 2.0; 1.x devices only have the older call
        cl_queue_properties properties = new cl_queue_properties();
        properties.addProperty(CL_QUEUE_PROPERTIES, CL_QUEUE_PROFILING_ENABLE);
        this.queue = found.version().startsWith("OpenCL 1.")
                ? clCreateCommandQueue(context, found.device(), CL_QUEUE_PROFILING_ENABLE, null)
                : clCreateCommandQueueWithProperties(context, found.device(), properties, null);
        this.programs = new OpenClPrograms(context, found.device(), found.fp64());
    }

    /** Opens {@code device} (type OPENCL); throws IllegalStateException with the reason when it cannot. */
    public static OpenClBackend open(Device device) {
        return new OpenClBackend(device, OpenClDevices.select(device.index()));
    }

    @Override
    public Device device() { return device; }

    @Override
    public boolean supportsF64() { return found.fp64(); }

    @Override
    public String deviceName() { return found.label() + " (" + found.version() + ")"; }

    // ---- memory -------------------------------------------------------------------------------------------
    @Override
    protected Storage newBuffer(DType dtype, long length) {
        // OpenCL rejects empty buffers; an empty tensor still gets a one-element one (its accounted size stays 0).
        long bytes = Math.max(1, length) * dtype.bytes();
        cl_mem m = clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, null);
        return new ClStorage(device, dtype, length, m, () -> clReleaseMemObject(m));
    }

    @Override
    protected void zero(Storage s) {
        clEnqueueFillBuffer(queue, mem(s), Pointer.to(new byte[] {0}), 1, 0, s.bytes(), 0, null, null);
    }

    @Override
    protected void writeFrom(Storage s, float[] host) { write(s, Pointer.to(host)); }

    @Override
    protected void writeFrom(Storage s, double[] host) { write(s, Pointer.to(host)); }

    // A blocking write: the copy is complete when it returns, so JOCL's view of the Java array may go.
    private void write(Storage s, Pointer host) {
        clEnqueueWriteBuffer(queue, mem(s), CL_TRUE, 0, s.bytes(), host, 0, null, null);
    }

    @Override
    protected void readInto(Storage s, float[] out) { read(s, Pointer.to(out)); }

    @Override
    protected void readInto(Storage s, double[] out) { read(s, Pointer.to(out)); }

    private void read(Storage s, Pointer host) {
        if (s.length() > 0) clEnqueueReadBuffer(queue, mem(s), CL_TRUE, 0, s.bytes(), host, 0, null, null);
    }

    private cl_mem mem(Storage s) {
        if (!(s instanceof ClStorage c) || !s.device().equals(device)) {
            throw new IllegalArgumentException("storage on " + s.device() + " passed to the backend of " + device);
        }
        return c.mem();
    }

    // ---- launch -------------------------------------------------------------------------------------------
    @Override
    protected void enqueue(String name, DType program, KernelArgs args, Grid grid) { enqueue(name, program, args, grid, null); }

    /** Enqueues the kernel and waits for its event; the device's start-to-end time of the kernel. */
    @Override
    protected long enqueueTimed(String name, DType program, KernelArgs args, Grid grid) {
        cl_event event = new cl_event();
        enqueue(name, program, args, grid, event);
        try {
            clWaitForEvents(1, new cl_event[] {event});
            long[] start = new long[1], end = new long[1];
            clGetEventProfilingInfo(event, CL_PROFILING_COMMAND_START, Sizeof.cl_ulong, Pointer.to(start), null);
            clGetEventProfilingInfo(event, CL_PROFILING_COMMAND_END, Sizeof.cl_ulong, Pointer.to(end), null);
            return end[0] - start[0];
        } finally {
            clReleaseEvent(event);
        }
    }

    private synchronized void enqueue(String name, DType program, KernelArgs args, Grid grid, cl_event event) {
        cl_kernel k = programs.kernel(program, name);
        List<KernelArgs.Arg> list = args.list();
        for (int i = 0; i < list.size(); i++) setArg(k, i, list.get(i), program);
        long[] local = new long[grid.dims()];
        for (int d = 0; d < local.length; d++) local[d] = grid.local()[d];
        clEnqueueNDRangeKernel(queue, k, grid.dims(), null, grid.global(), local, 0, null, event);
    }

    private void setArg(cl_kernel k, int i, KernelArgs.Arg a, DType program) {
        if (a instanceof KernelArgs.I32 v) {
            clSetKernelArg(k, i, Sizeof.cl_int, Pointer.to(new int[] {v.value()}));
        } else if (a instanceof KernelArgs.I64 v) {
            clSetKernelArg(k, i, Sizeof.cl_long, Pointer.to(new long[] {v.value()}));
        } else if (a instanceof KernelArgs.Real v) {
            setFloating(k, i, v.value(), program == DType.F64);
        } else if (a instanceof KernelArgs.Acc v) {
            setFloating(k, i, v.value(), found.fp64());
        } else if (a instanceof KernelArgs.Ints v) {
            clSetKernelArg(k, i, (long) Sizeof.cl_int * v.values().length, Pointer.to(v.values()));
        } else if (a instanceof KernelArgs.Buffer v) {
            clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to(mem(v.storage())));
        } else {
            throw new IllegalStateException("unknown kernel argument " + a);
        }
    }

    private static void setFloating(cl_kernel k, int i, double v, boolean asDouble) {
        if (asDouble) clSetKernelArg(k, i, Sizeof.cl_double, Pointer.to(new double[] {v}));
        else clSetKernelArg(k, i, Sizeof.cl_float, Pointer.to(new float[] {(float) v}));
    }

    @Override
    public String toString() { return "OpenClBackend[" + device + ": " + deviceName() + "]"; }
}
