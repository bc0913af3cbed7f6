package tandem.kernels.opencl;

import static org.jocl.CL.CL_DEVICE_EXTENSIONS;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clGetPlatformInfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * Finds OpenCL devices. All devices of all platforms form one list; the system property {@code tandem.opencl.device}
 * (or the environment variable {@code TANDEM_OPENCL_DEVICE}) narrows it to one index or to the devices whose
 * "platform / device" name contains a text, and {@code opencl:N} picks the N-th of what remains.
 */
public final class OpenClDevices {
    public static final String PROPERTY = "tandem.opencl.device";
    public static final String ENV = "TANDEM_OPENCL_DEVICE";

    /** One OpenCL device and what the backend needs to know about it. */
    public record Found(cl_platform_id platform, cl_device_id device, String platformName, String deviceName,
                        String version, boolean fp64) {
        public String label() { return platformName + " / " + deviceName; }
    }

    private OpenClDevices() {}

    /** Every device of every platform, in platform order. Throws with a precise reason when OpenCL is unusable. */
    public static List<Found> all() {
        try {
            CL.setExceptionsEnabled(true);
            int[] count = new int[1];
            clGetPlatformIDs(0, null, count);
            cl_platform_id[] platforms = new cl_platform_id[count[0]];
            if (count[0] > 0) clGetPlatformIDs(count[0], platforms, null);
            List<Found> found = new ArrayList<>();
            for (cl_platform_id p : platforms) {
                String pname = platformString(p, CL_PLATFORM_NAME);
                int[] nd = new int[1];
                try {
                    clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 0, null, nd);
                } catch (CLException e) {
                    continue; // CL_DEVICE_NOT_FOUND: a platform without devices
                }
                cl_device_id[] devices = new cl_device_id[nd[0]];
                clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, nd[0], devices, null);
                for (cl_device_id d : devices) {
                    String ext = deviceString(d, CL_DEVICE_EXTENSIONS);
                    found.add(new Found(p, d, pname, deviceString(d, CL_DEVICE_NAME), deviceString(d, CL_DEVICE_VERSION),
                            ext.contains("cl_khr_fp64")));
                }
            }
            return found;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new IllegalStateException("OpenCL is unavailable: the OpenCL loader could not be loaded (" + e.getMessage()
                    + "); install libOpenCL.so.1 and a driver, e.g. apt-get install ocl-icd-libopencl1 pocl-opencl-icd", e);
        } catch (CLException e) {
            throw new IllegalStateException("OpenCL is unavailable: " + e.getMessage()
                    + " (no OpenCL platform is installed; e.g. apt-get install pocl-opencl-icd)", e);
        }
    }

    /** The device that {@code ordinal} names after the selector (property, then environment) has narrowed the list. */
    public static Found select(int ordinal) {
        List<Found> all = all();
        if (all.isEmpty()) {
            throw new IllegalStateException("no OpenCL device found: the installed platforms report no devices"
                    + " (for a CPU device install pocl-opencl-icd)");
        }
        String selector = System.getProperty(PROPERTY);
        String source = "-D" + PROPERTY;
        if (selector == null || selector.isBlank()) {
            selector = System.getenv(ENV);
            source = ENV;
        }
        List<Found> candidates = selector == null || selector.isBlank() ? all : narrow(all, selector.strip(), source);
        if (ordinal >= candidates.size()) {
            throw new IllegalStateException("no OpenCL device opencl:" + ordinal + ": only " + candidates.size()
                    + " device(s) " + (candidates == all ? "present" : "match " + source + "=" + selector) + ": " + labels(all));
        }
        return candidates.get(ordinal);
    }

    private static List<Found> narrow(List<Found> all, String selector, String source) {
        List<Found> out = new ArrayList<>();
        if (selector.matches("\\d+")) {
            int i = Integer.parseInt(selector);
            if (i >= all.size()) {
                throw new IllegalStateException(source + "=" + selector + " but there are " + all.size()
                        + " OpenCL devices: " + labels(all));
            }
            out.add(all.get(i));
            return out;
        }
        String needle = selector.toLowerCase(Locale.ROOT);
        for (Found f : all) if (f.label().toLowerCase(Locale.ROOT).contains(needle)) out.add(f);
        if (out.isEmpty()) {
            throw new IllegalStateException(source + "=" + selector + " matches no OpenCL device: " + labels(all));
        }
        return out;
    }

    private static String labels(List<Found> all) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < all.size(); i++) sb.append(i == 0 ? "" : "; ").append(i).append(": ").append(all.get(i).label());
        return sb.toString();
    }

    private static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        clGetPlatformInfo(p, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        clGetPlatformInfo(p, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        clGetDeviceInfo(d, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        clGetDeviceInfo(d, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    private static String cString(byte[] buf) {
        int n = 0;
        while (n < buf.length && buf[n] != 0) n++;
        return new String(buf, 0, n, StandardCharsets.UTF_8).strip();
    }
}
