package tandem.kernels.opencl;

import org.jocl.cl_mem;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.memory.Storage;

/** A tensor storage in an OpenCL buffer; releasing the storage releases the buffer. */
final class ClStorage extends Storage {
    private final cl_mem mem;

    /**
     * @param release frees the buffer; it must not refer to this storage (which must stay collectable). OpenCL defers
     *                the deletion until queued commands using the buffer have finished.
     */
    ClStorage(Device device, DType dtype, long length, cl_mem mem, Runnable release) {
        super(device, dtype, length, release);
        this.mem = mem;
    }

    /** The buffer; fails clearly when the storage was already closed. */
    cl_mem mem() {
        checkOpen();
        return mem;
    }
}
