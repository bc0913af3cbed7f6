package tandem.kernels.cuda;

import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import jcuda.CudaException;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.nvrtc.JNvrtc;
import jcuda.nvrtc.nvrtcProgram;
import tandem.kernels.device.KernelSources;
import tandem.tensor.DType;

/**
 * The shared kernels as CUDA modules, one per element type. PTX comes from kernels/build-ptx.sh (on the class path
 * under {@code tandem/kernels/ptx/}, or in the folder named by {@code -Dtandem.cuda.ptx.dir}); without it, the
 * sources are compiled at run time with NVRTC, whose JCuda 12.6 binding needs CUDA 12's libnvrtc.so.12.
 */
final class CudaKernels {
    static final String PTX_DIR_PROPERTY = "tandem.cuda.ptx.dir";
    private static final String PTX_RESOURCE = "tandem/kernels/ptx/";

    private final Map<DType, CUmodule> modules = new EnumMap<>(DType.class);
    private final Map<String, CUfunction> functions = new HashMap<>();

    /** The function {@code name} of the module for {@code dtype}; the caller holds the backend's lock. */
    CUfunction function(DType dtype, String name) {
        String key = dtype + ":" + name;
        CUfunction f = functions.get(key);
        if (f == null) {
            f = new CUfunction();
            try {
                cuModuleGetFunction(f, module(dtype), name);
            } catch (CudaException e) {
                throw new IllegalStateException("CUDA: no kernel '" + name + "' in the " + dtype + " module (" + e.getMessage() + ")", e);
            }
            functions.put(key, f);
        }
        return f;
    }

    /** Loads (and caches) the module for dtype; throws with the reason when neither PTX nor NVRTC is available. */
    CUmodule module(DType dtype) {
        CUmodule m = modules.get(dtype);
        if (m != null) return m;
        String ptx = prebuiltPtx(dtype);
        if (ptx == null) ptx = compileWithNvrtc(dtype);
        m = new CUmodule();
        cuModuleLoadData(m, ptx);
        modules.put(dtype, m);
        return m;
    }

    private static String fileName(DType dtype) {
        return "tandem_" + dtype.name().toLowerCase() + ".ptx";
    }

    private static String prebuiltPtx(DType dtype) {
        try {
            String dir = System.getProperty(PTX_DIR_PROPERTY);
            if (dir != null && !dir.isBlank()) {
                Path p = Path.of(dir, fileName(dtype));
                if (Files.isRegularFile(p)) return Files.readString(p, StandardCharsets.UTF_8);
            }
            try (InputStream in = CudaKernels.class.getClassLoader().getResourceAsStream(PTX_RESOURCE + fileName(dtype))) {
                return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the PTX of the " + dtype + " kernels", e);
        }
    }

    private static String compileWithNvrtc(DType dtype) {
        String source = KernelSources.program(dtype == DType.F64, true);
        nvrtcProgram program = new nvrtcProgram();
        try {
            JNvrtc.setExceptionsEnabled(true);
            JNvrtc.nvrtcCreateProgram(program, source, "tandem_" + dtype.name().toLowerCase() + ".cu", 0, null, null);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new IllegalStateException("CUDA: no PTX for the " + dtype + " kernels (build it with kernels/build-ptx.sh,"
                    + " or point -D" + PTX_DIR_PROPERTY + " at it) and NVRTC is unavailable: JCuda 12.6's NVRTC binding"
                    + " needs the CUDA 12 library libnvrtc.so.12 (" + CudaDriver.lineMentioning(e, "nvrtc") + ")", e);
        }
        try {
            JNvrtc.nvrtcCompileProgram(program, 1, new String[] {"--std=c++17"});
            String[] ptx = new String[1];
            JNvrtc.nvrtcGetPTX(program, ptx);
            return ptx[0];
        } catch (CudaException e) {
            String[] log = new String[1];
            JNvrtc.nvrtcGetProgramLog(program, log);
            throw new IllegalStateException("CUDA: NVRTC failed to compile the " + dtype + " kernels (" + e.getMessage()
                    + "). Log:\n" + log[0], e);
        } finally {
            JNvrtc.nvrtcDestroyProgram(program);
        }
    }
}
