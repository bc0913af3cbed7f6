package tandem.kernels.opencl;

import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clGetProgramBuildInfo;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_program;
import tandem.kernels.device.KernelSources;
import tandem.tensor.DType;

/**
 * Compiles the shared kernel sources as OpenCL C, once per element type, and caches the programs and their kernels.
 * A build failure reports the compiler's log, which names the kernel file and line.
 */
final class OpenClPrograms {
    private final cl_context context;
    private final cl_device_id device;
    private final boolean fp64;
    private final Map<DType, cl_program> programs = new EnumMap<>(DType.class);
    private final Map<String, cl_kernel> kernels = new HashMap<>();

    OpenClPrograms(cl_context context, cl_device_id device, boolean fp64) {
        this.context = context;
        this.device = device;
        this.fp64 = fp64;
    }

    /** The kernel {@code name} of the program for {@code dtype}; not thread-safe (the backend serialises launches). */
    cl_kernel kernel(DType dtype, String name) {
        String key = dtype + ":" + name;
        cl_kernel k = kernels.get(key);
        if (k == null) {
            try {
                k = clCreateKernel(program(dtype), name, null);
            } catch (CLException e) {
                throw new IllegalStateException("OpenCL: no kernel '" + name + "' in the " + dtype + " program ("
                        + e.getMessage() + ")", e);
            }
            kernels.put(key, k);
        }
        return k;
    }

    private cl_program program(DType dtype) {
        cl_program p = programs.get(dtype);
        if (p != null) return p;
        String source = KernelSources.program(dtype == DType.F64, fp64);
        p = clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
        try {
            clBuildProgram(p, 1, new cl_device_id[] {device}, "", null, null);
        } catch (CLException e) {
            throw new IllegalStateException("OpenCL: building the " + dtype + " kernels failed (" + e.getMessage()
                    + "). Build log:\n" + buildLog(p), e);
        }
        programs.put(dtype, p);
        return p;
    }

    private String buildLog(cl_program p) {
        long[] size = new long[1];
        clGetProgramBuildInfo(p, device, CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] log = new byte[(int) size[0]];
        clGetProgramBuildInfo(p, device, CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
        return new String(log, StandardCharsets.UTF_8).strip();
    }
}
