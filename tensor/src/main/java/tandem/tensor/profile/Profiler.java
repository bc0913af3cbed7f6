package tandem.tensor.profile;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import tandem.tensor.backend.Backend;
import tandem.tensor.backend.Backends;

/**
 * Records every backend op: its name, shapes, dtype, device, wall time (and device time from the runtime's events
 * where a device backend reports them), FLOPs and bytes moved, tagged with what it was for: the phase (forward,
 * backward, optimizer), the nn module path ({@code video.layer3.0.conv2}) and, in backward, the autograd function.
 * <pre>{@code
 * try (Profiler p = Profiler.start()) {
 *     for (...) TrainStep.run(...);            // each step is a "train_step" region
 *     Profile profile = p.stop();
 *     System.out.println(profile.table(Ceilings.measure(Device.CPU, Tandem.numThreads()), 20));
 *     profile.writeTo(dir, ceilings);          // profile.txt, trace.json (Chrome / Perfetto), profile.json
 * }
 * }</pre>
 *
 * <p>The hook sits at the backend lookup: while a profiler records, {@link Backends#get} hands out a recording
 * decorator of the real backend ({@link ProfilingBackend}). When none records, the cost per op is that one check
 * in the lookup, and each hook below ({@link #phase}, {@link #module}, {@link #function}, {@link #region}) is one
 * check of {@link #isRecording()} too. When one records, its own bookkeeping per op is timed and reported in the
 * profile; the dispatch through the decorator is not inside that figure (measure a step with and without).
 *
 * <p>One profiler records at a time, process-wide; ops on every thread are recorded, each thread on its own track.
 */
public final class Profiler implements AutoCloseable {
    /** Trace events kept by default (about 200 bytes each); totals keep counting past it. */
    public static final int DEFAULT_TRACE_EVENTS = 500_000;

    private static volatile Profiler current;
    private static final ThreadLocal<ThreadState> STATE = ThreadLocal.withInitial(ThreadState::new);

    final long startNanos = System.nanoTime();
    final long startEpochMicros = System.currentTimeMillis() * 1000;
    private final long maxEvents;
    private final AtomicLong events = new AtomicLong();
    private final ConcurrentLinkedQueue<ThreadLog> logs = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<Backend, Backend> decorated = new ConcurrentHashMap<>();
    private Profile result;

    private Profiler(long maxEvents) { this.maxEvents = maxEvents; }

    /** Starts recording; fails if a profiler is already recording. */
    public static Profiler start() { return start(DEFAULT_TRACE_EVENTS); }

    /** Starts recording, keeping at most {@code maxTraceEvents} ops for the trace (the table counts all). */
    public static synchronized Profiler start(long maxTraceEvents) {
        if (current != null) throw new IllegalStateException("a profiler is already recording; stop it before starting another");
        Profiler p = new Profiler(maxTraceEvents);
        current = p;
        Backends.decorate(p::decorate);
        return p;
    }

    /** Stops recording (once) and returns what was recorded. Ops still running on other threads may be missed. */
    public Profile stop() {
        synchronized (Profiler.class) {
            if (current == this) {
                Backends.decorate(null);
                current = null;
            }
        }
        synchronized (this) {
            if (result == null) result = Profile.of(logs, System.nanoTime() - startNanos, maxEvents, events.get() > maxEvents);
            return result;
        }
    }

    @Override
    public void close() { stop(); }

    /** True while a profiler records: the one check every hook makes. */
    public static boolean isRecording() { return current != null; }

    // ---- context hooks: called by autograd, nn and training code ------------------------------------------------

    /** What {@code try (var s = ...)} closes: restores the context it changed. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        Scope NONE = () -> {};

        @Override
        void close();
    }

    /** Marks the backend ops of this thread until close as done for {@code phase}, outside any module. */
    public static Scope phase(Phase phase) {
        if (current == null) return Scope.NONE;
        ThreadState s = STATE.get();
        Phase previous = s.phase;
        s.phase = phase;
        return s.enter("", "", () -> s.phase = previous);
    }

    /**
     * Marks the backend ops of this thread until close as done inside nn module {@code path}. On close, the ops that
     * follow are attributed to the module's parent (the code that called it, even when that code does not mark
     * itself), unless the parent lies outside the innermost module still open, which then takes them.
     */
    public static Scope module(String path) {
        if (current == null) return Scope.NONE;
        return STATE.get().openModule(path);
    }

    /** The module path ops are attributed to now ("" at the top), or null when no profiler records. */
    public static String currentModule() { return current == null ? null : STATE.get().module; }

    /** Marks the backend ops of this thread until close as the backward of autograd function {@code name} in {@code module}. */
    public static Scope function(String name, String module) {
        if (current == null) return Scope.NONE;
        return STATE.get().enter(module == null ? "" : module, name, () -> {});
    }

    /**
     * A named span of this thread (a training step, a benchmark row) shown in the trace, starting outside any
     * module. The table's "share" is of the time in top-level regions, when there are any.
     */
    public static Scope region(String name) {
        Profiler p = current;
        if (p == null) return Scope.NONE;
        Scope region = p.log().openRegion(name);
        return STATE.get().enter("", "", region);
    }

    /**
     * Called by a device backend for each kernel it launched for the op in flight on this thread: the device's own
     * measure of the kernel's run time in nanoseconds, or -1 where the runtime cannot time it.
     */
    public static void deviceKernel(long nanos) {
        Profiler p = current;
        if (p == null) return;
        ThreadLog log = p.log();
        if (log.depth > 0) log.deviceKernel(nanos);
    }

    // ---- recording ------------------------------------------------------------------------------------------

    boolean isCurrent() { return current == this; }

    private Backend decorate(Backend b) {
        return decorated.computeIfAbsent(b, raw -> ProfilingBackend.wrap(this, raw));
    }

    /** This thread's log in this session, created on first use. */
    ThreadLog log() {
        ThreadState s = STATE.get();
        ThreadLog l = s.log;
        if (l == null || l.session != this) {
            l = new ThreadLog(this, Thread.currentThread(), s);
            s.log = l;
            logs.add(l);
        }
        return l;
    }

    boolean takeEventSlot() { return events.incrementAndGet() <= maxEvents; }
}
