package tandem.kernels.cuda;

import jcuda.driver.CUcontext;
import jcuda.driver.CUdeviceptr;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.memory.Storage;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuMemFree;

/** A tensor storage in CUDA device memory; releasing the storage frees it (from whichever thread releases). */
final class CudaStorage extends Storage {
    private final CUdeviceptr ptr;

    CudaStorage(Device device, DType dtype, long length, CUcontext context, CUdeviceptr ptr) {
        super(device, dtype, length, releaser(context, ptr));
        this.ptr = ptr;
    }

    // Static, so the Runnable holds the pointer and context but never this storage. The Cleaner's thread has no
    // current context, hence cuCtxSetCurrent before the free.
    private static Runnable releaser(CUcontext context, CUdeviceptr ptr) {
        return () -> {
            cuCtxSetCurrent(context);
            cuMemFree(ptr);
        };
    }

    CUdeviceptr ptr() {
        checkOpen();
        return ptr;
    }
}
