package tandem.tensor.memory;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import tandem.tensor.DType;

/**
 * Host arrays kept for reuse, so that a training step, which allocates the same large buffers every time, takes
 * them from here instead of having the JVM zero fresh memory (and the OS fault it in) each step.
 *
 * <p>Arrays enter the pool only through {@link #give}, which {@link CpuStorage} calls when a storage it owns is
 * explicitly closed (by {@code close()} or by a {@link MemoryScope}); a storage collected by the Cleaner simply lets
 * its array go to the garbage collector. A pooled array belongs to no storage, so {@link MemoryTracker} does not
 * count it as live; {@link #stats()} reports it instead.
 *
 * <p>The pool takes back only arrays it lent out and that are not back already. Anything else is refused: an array
 * made elsewhere (its maker may still hold it, and a pool fed from outside would grow with every step), and an
 * array given twice (which would otherwise reach two takers at once).
 *
 * <p>Size classes are exact: one class per (dtype, length). A training step asks for the same shapes every time,
 * so exact classes hit; rounding up would hand out arrays longer than their storage, which would break every
 * kernel that loops to {@code array.length}.
 *
 * <p>The pool holds at most {@link #maxBytes()} (system property {@value #MAX_BYTES_PROPERTY}, default 1 GiB;
 * 0 turns pooling off). When a returned array does not fit, arrays of the least recently used classes are dropped
 * to make room. All methods are thread-safe.
 */
public final class BufferPool {
    public static final String MAX_BYTES_PROPERTY = "tandem.pool.maxBytes";
    public static final long DEFAULT_MAX_BYTES = 1L << 30;

    /**
     * The global pool leaves arrays under 16 KiB to the JVM: small allocations are cheap bump-pointer work, while
     * tracking each loan (a weak set, under a lock) cost more than it saved, about a tenth of a small model's step.
     */
    public static final int GLOBAL_MIN_BYTES = 16 * 1024;

    private static final BufferPool GLOBAL = new BufferPool(maxBytesFromProperty(), GLOBAL_MIN_BYTES);

    /** Counters since creation or the last {@link #resetCounters()}; bytes and arrays are what the pool holds now. */
    public record Stats(long hits, long misses, long returned, long refused, long dropped, long pooledBytes, long pooledArrays) {}

    private record SizeClass(DType dtype, int length) {
        long bytes() { return (long) length * dtype.bytes(); }
    }

    /** Access-ordered, so the first entry is the class least recently taken from or given to. */
    private final LinkedHashMap<SizeClass, ArrayDeque<Object>> shelves = new LinkedHashMap<>(16, 0.75f, true);
    /** Arrays lent out and not yet given back. Weak, so a lent array that is never returned is still collected. */
    private final Set<Object> lent = Collections.newSetFromMap(new WeakHashMap<>());
    private long maxBytes;
    private final int minBytes;
    private long pooledBytes, pooledArrays;
    private long hits, misses, returned, refused, dropped;

    public BufferPool(long maxBytes) { this(maxBytes, 0); }

    /** A pool that keeps arrays of at least {@code minBytes}; smaller ones are made fresh and never tracked. */
    public BufferPool(long maxBytes, int minBytes) {
        this.maxBytes = checkMaxBytes(maxBytes);
        if (minBytes < 0) throw new IllegalArgumentException("buffer pool: minBytes must be >= 0, got " + minBytes);
        this.minBytes = minBytes;
    }

    /** The pool every {@link CpuStorage} draws from. */
    public static BufferPool global() { return GLOBAL; }

    // ---- taking -----------------------------------------------------------------------------------------------
    /**
     * A float array of exactly {@code length} elements. {@code zeroed}: all zeros; otherwise the contents are
     * arbitrary and the caller must overwrite every element before reading any.
     */
    public float[] takeF32(int length, boolean zeroed) {
        if ((long) checkLength(length) * 4 < minBytes) return new float[length];
        float[] a = (float[]) take(new SizeClass(DType.F32, checkLength(length)));
        if (a == null) return lend(new float[length]);
        if (zeroed) Arrays.fill(a, 0f);
        return a;
    }

    /** As {@link #takeF32}, for doubles. */
    public double[] takeF64(int length, boolean zeroed) {
        if ((long) checkLength(length) * 8 < minBytes) return new double[length];
        double[] a = (double[]) take(new SizeClass(DType.F64, checkLength(length)));
        if (a == null) return lend(new double[length]);
        if (zeroed) Arrays.fill(a, 0.0);
        return a;
    }

    private synchronized Object take(SizeClass c) {
        ArrayDeque<Object> shelf = shelves.get(c);
        Object a = shelf == null ? null : shelf.poll();
        if (a == null) {
            misses++;
            return null;
        }
        hits++;
        pooledBytes -= c.bytes();
        pooledArrays--;
        if (shelf.isEmpty()) shelves.remove(c);
        lent.add(a);
        return a;
    }

    /** Records a freshly made array as lent (made outside the lock: the JVM zeroes it, which costs). */
    private synchronized <A> A lend(A fresh) {
        lent.add(fresh);
        return fresh;
    }

    // ---- giving back --------------------------------------------------------------------------------------------
    /**
     * Gives back an array taken from this pool. The caller must hold no other reference to it: the next taker will
     * write it. Arrays the pool did not lend, or already has back, are refused (counted, not kept).
     */
    public void give(float[] a) { give(new SizeClass(DType.F32, a.length), a); }

    public void give(double[] a) { give(new SizeClass(DType.F64, a.length), a); }

    private void give(SizeClass c, Object a) {
        if (c.bytes() < minBytes) return;               // never lent: made fresh, left to the garbage collector
        giveTracked(c, a);
    }

    private synchronized void giveTracked(SizeClass c, Object a) {
        if (!lent.remove(a)) {
            refused++;
            return;
        }
        returned++;
        long bytes = c.bytes();
        if (bytes == 0) return;
        if (bytes > maxBytes) {
            dropped++;
            return;
        }
        makeRoom(maxBytes - bytes);
        shelves.computeIfAbsent(c, k -> new ArrayDeque<>()).push(a);
        pooledBytes += bytes;
        pooledArrays++;
    }

    /** Drops arrays, least recently used classes first, until at most {@code limit} bytes are pooled. */
    private void makeRoom(long limit) {
        Iterator<Map.Entry<SizeClass, ArrayDeque<Object>>> it = shelves.entrySet().iterator();
        while (pooledBytes > limit && it.hasNext()) {
            Map.Entry<SizeClass, ArrayDeque<Object>> e = it.next();
            ArrayDeque<Object> shelf = e.getValue();
            while (pooledBytes > limit && !shelf.isEmpty()) {
                shelf.removeLast();
                pooledBytes -= e.getKey().bytes();
                pooledArrays--;
                dropped++;
            }
            if (shelf.isEmpty()) it.remove();
        }
    }

    // ---- configuration and counters ------------------------------------------------------------------------------
    public synchronized long maxBytes() { return maxBytes; }

    /** Changes the bound, dropping pooled arrays at once if they exceed it; 0 turns pooling off. */
    public synchronized void setMaxBytes(long maxBytes) {
        this.maxBytes = checkMaxBytes(maxBytes);
        makeRoom(maxBytes);
    }

    /** Drops every pooled array (counters are kept). */
    public synchronized void clear() { makeRoom(0); }

    public synchronized Stats stats() {
        return new Stats(hits, misses, returned, refused, dropped, pooledBytes, pooledArrays);
    }

    public synchronized void resetCounters() {
        hits = misses = returned = refused = dropped = 0;
    }

    private static long maxBytesFromProperty() {
        String v = System.getProperty(MAX_BYTES_PROPERTY);
        if (v == null || v.isBlank()) return DEFAULT_MAX_BYTES;
        try {
            return checkMaxBytes(Long.parseLong(v.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("system property " + MAX_BYTES_PROPERTY + "='" + v
                    + "' is not a byte count (a whole number >= 0; 0 turns pooling off)", e);
        }
    }

    private static long checkMaxBytes(long maxBytes) {
        if (maxBytes < 0) throw new IllegalArgumentException("buffer pool: maxBytes must be >= 0, got " + maxBytes);
        return maxBytes;
    }

    private static int checkLength(int length) {
        if (length < 0) throw new IllegalArgumentException("buffer pool: negative array length " + length);
        return length;
    }
}
