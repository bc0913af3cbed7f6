package tandem.kernels.opencl;

import org.jocl.CL;
import org.jocl.cl_mem;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.Storage;

/** A tensor storage in an OpenCL buffer; releasing the storage releases the buffer. */
final class ClStorage extends Storage {
    private final cl_mem mem;

    ClStorage(Device device, DType dtype, long length, cl_mem mem) {
        super(device, dtype, length, releaser(mem));
        this.mem = mem;
    }

    // A static factory, so the Runnable holds the buffer and never this storage (which must stay collectable).
    private static Runnable releaser(cl_mem mem) {
        return () -> CL.clReleaseMemObject(mem);
    }

    /** The buffer; fails clearly when the storage was already closed. */
    cl_mem mem() {
        checkOpen();
        return mem;
    }
}
