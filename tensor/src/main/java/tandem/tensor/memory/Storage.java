package tandem.tensor.memory;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;
import tandem.tensor.DType;
import tandem.tensor.Device;

/**
 * A flat buffer of {@code length} elements of one dtype on one device. Views share a storage.
 * Memory is returned by {@link #close()}, by the enclosing {@link MemoryScope}, or, as a last resort, by a Cleaner
 * once the storage is unreachable. Each path releases exactly once and updates {@link MemoryTracker}.
 */
public abstract class Storage implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final Device device;
    private final DType dtype;
    private final long length;
    private final Release release;
    private final Cleaner.Cleanable cleanable;
    private final AtomicBoolean afterCloseRan = new AtomicBoolean();

    /**
     * @param freeNative releases the native memory; must not refer to this Storage (or it would never be collected).
     */
    protected Storage(Device device, DType dtype, long length, Runnable freeNative) {
        if (length < 0) throw new IllegalArgumentException("negative storage length " + length);
        this.device = device;
        this.dtype = dtype;
        this.length = length;
        this.release = new Release(device, length * dtype.bytes(), freeNative);
        MemoryTracker.allocated(device, release.bytes);
        this.cleanable = CLEANER.register(this, release);
        MemoryScope.track(this);
    }

    public final Device device() { return device; }

    public final DType dtype() { return dtype; }

    public final long length() { return length; }

    public final long bytes() { return release.bytes; }

    public final boolean isClosed() { return release.done; }

    /** Throws a clear error when a closed storage is used. */
    protected final void checkOpen() {
        if (release.done) {
            throw new IllegalStateException("tensor storage on " + device + " (" + length + " x " + dtype
                    + ") was already closed (by close() or by the MemoryScope it was allocated in)");
        }
    }

    @Override
    public final void close() {
        cleanable.clean();
        if (afterCloseRan.compareAndSet(false, true)) afterClose();
    }

    /**
     * Runs once, after an explicit {@link #close()} has released this storage; never from the Cleaner, which runs
     * only when nothing can reach the storage's memory any more (a host backend recycles its array here).
     */
    protected void afterClose() {}

    private static final class Release implements Runnable {
        final Device device;
        final long bytes;
        final Runnable freeNative;
        volatile boolean done;

        Release(Device device, long bytes, Runnable freeNative) {
            this.device = device;
            this.bytes = bytes;
            this.freeNative = freeNative;
        }

        @Override
        public void run() {
            done = true;
            try {
                if (freeNative != null) freeNative.run();
            } finally {
                MemoryTracker.released(device, bytes);
            }
        }
    }
}
