package tandem.kernels.cuda;

import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuInit;

import java.nio.charset.StandardCharsets;
import jcuda.CudaException;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.JCudaDriver;

/**
 * Opens a CUDA device through JCuda's driver API, turning each way that can fail into a precise reason:
 * JCuda's native library or the NVIDIA driver (libcuda.so.1) missing, no device, no such device index.
 */
final class CudaDriver {
    /** A device with its primary context. */
    record Opened(CUdevice device, CUcontext context, String name) {}

    private CudaDriver() {}

    static Opened open(int ordinal) {
        try {
            JCudaDriver.setExceptionsEnabled(true);
            cuInit(0);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new IllegalStateException(linkFailure(e), e);
        } catch (CudaException e) {
            throw new IllegalStateException("CUDA is unavailable: cuInit failed with " + e.getMessage()
                    + " (no CUDA device, or the driver is not usable)", e);
        }
        int[] count = new int[1];
        cuDeviceGetCount(count);
        if (count[0] == 0) throw new IllegalStateException("CUDA is unavailable: the driver reports no CUDA device");
        if (ordinal >= count[0]) {
            throw new IllegalStateException("no CUDA device cuda:" + ordinal + ": the driver reports " + count[0] + " device(s)");
        }
        CUdevice device = new CUdevice();
        cuDeviceGet(device, ordinal);
        byte[] name = new byte[256];
        cuDeviceGetName(name, name.length, device);
        CUcontext context = new CUcontext();
        cuDevicePrimaryCtxRetain(context, device);
        return new Opened(device, context, cString(name));
    }

    /** JCuda's load error spans many lines; this names the missing library when the loader said which. */
    static String linkFailure(Throwable e) {
        String all = rootMessage(e);
        if (all.contains("libcuda.so")) {
            return "CUDA is unavailable: the NVIDIA driver library libcuda.so.1 is not installed (no GPU driver on this"
                    + " machine), so JCuda's driver binding cannot load";
        }
        String first = all.lines().findFirst().orElse(all);
        return "CUDA is unavailable: JCuda's driver binding could not load: " + first;
    }

    /** The first line of e's message chain that mentions {@code needle}, else the first line. */
    static String lineMentioning(Throwable e, String needle) {
        String all = rootMessage(e);
        return all.lines().filter(l -> l.contains(needle)).findFirst().orElse(all.lines().findFirst().orElse(all)).strip();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            sb.append(" <- ").append(t.getMessage());
        }
        return sb.toString();
    }

    private static String cString(byte[] buf) {
        int n = 0;
        while (n < buf.length && buf[n] != 0) n++;
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }
}
