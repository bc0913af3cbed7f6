package tandem.tensor.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tandem.tensor.Tensor;

/**
 * What one thread recorded in one session: aggregated totals per (region, phase, op, module), trace events up to the
 * session's cap, and regions. Written only by its own thread; read by the session once recording has stopped.
 */
final class ThreadLog {
    final Profiler session;
    final long threadId;
    final String threadName;
    private final ThreadState context;

    /** Backend calls in flight on this thread (nested calls are part of the outer one). */
    int depth;
    /** Device time and kernel launches of the call in flight; deviceNanos -1 once a launch could not be timed. */
    long deviceNanos;
    int kernels;

    final Map<Key, OpStats> stats = new HashMap<>();
    final List<OpEvent> events = new ArrayList<>();
    final List<RegionEvent> regions = new ArrayList<>();
    private final List<String> openRegions = new ArrayList<>();
    private final List<Long> openStarts = new ArrayList<>();
    long ops, bookkeepingNanos;
    /** Wall time of calls made inside a top-level region, of the profiler's bookkeeping there, and of the regions. */
    long opNanosInRegions, bookkeepingNanosInRegions, regionNanos;
    private final Key probe = new Key();

    ThreadLog(Profiler session, Thread thread, ThreadState context) {
        this.session = session;
        this.threadId = thread.getId();
        this.threadName = thread.getName();
        this.context = context;
    }

    void beginOp() {
        depth++;
        deviceNanos = 0;
        kernels = 0;
    }

    void deviceKernel(long nanos) {
        kernels++;
        if (nanos < 0 || deviceNanos < 0) deviceNanos = -1;
        else deviceNanos += nanos;
    }

    void record(String op, String method, String device, Object[] args, Object result, long t0, long t1) {
        double flops = OpCosts.flops(method, args, result), bytes = OpCosts.bytes(args, result);
        long dev = kernels == 0 ? -1 : deviceNanos;
        String region = openRegions.isEmpty() ? "" : openRegions.get(0);
        probe.set(region, context.phase, op, context.module);
        OpStats s = stats.get(probe);
        if (s == null) {
            s = new OpStats();
            stats.put(probe.copy(), s);
        }
        s.add(t1 - t0, dev, kernels, flops, bytes);
        if (!openRegions.isEmpty()) opNanosInRegions += t1 - t0;
        ops++;
        if (session.takeEventSlot()) {
            events.add(new OpEvent(op, context.phase, context.module, context.function, shapes(args), shapes(new Object[] {result}),
                    dtype(args, result), device, t0 - session.startNanos, t1 - t0, dev, kernels, flops, bytes));
        }
        long kept = System.nanoTime() - t1;
        bookkeepingNanos += kept;
        if (!openRegions.isEmpty()) bookkeepingNanosInRegions += kept;
    }

    Profiler.Scope openRegion(String name) {
        openRegions.add(name);
        long start = System.nanoTime();
        openStarts.add(start);
        int depthAtOpen = openRegions.size() - 1;
        return () -> {
            long end = System.nanoTime();
            // close this region and anything opened inside it and left open
            while (openRegions.size() > depthAtOpen) {
                int last = openRegions.size() - 1;
                String n = openRegions.remove(last);
                long s = openStarts.remove(last);
                regions.add(new RegionEvent(n, last, s - session.startNanos, end - s));
                if (last == 0) regionNanos += end - s;
            }
        };
    }

    private static int[][] shapes(Object[] values) {
        if (values == null) return new int[0][];
        List<int[]> out = new ArrayList<>();
        for (Object v : values) {
            if (v instanceof Tensor t) out.add(t.shape());
            else if (v instanceof Tensor[] ts) for (Tensor t : ts) if (t != null) out.add(t.shape());
        }
        return out.toArray(new int[0][]);
    }

    private static String dtype(Object[] args, Object result) {
        Object first = result instanceof Tensor[] ts && ts.length > 0 ? ts[0] : result;
        if (first instanceof Tensor t) return t.dtype().name();
        if (args != null) {
            for (Object a : args) {
                if (a instanceof Tensor t) return t.dtype().name();
                if (a instanceof tandem.tensor.DType d) return d.name();
            }
        }
        return first instanceof tandem.tensor.memory.Storage s ? s.dtype().name() : "";
    }

    /** (region, phase, op, module): the finest grain the totals are kept at. */
    static final class Key {
        String region, op, module;
        Phase phase;

        void set(String region, Phase phase, String op, String module) {
            this.region = region;
            this.phase = phase;
            this.op = op;
            this.module = module;
        }

        Key copy() {
            Key k = new Key();
            k.set(region, phase, op, module);
            return k;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.phase == phase && k.op.equals(op) && k.module.equals(module) && k.region.equals(region);
        }

        @Override
        public int hashCode() { return ((region.hashCode() * 31 + phase.ordinal()) * 31 + op.hashCode()) * 31 + module.hashCode(); }
    }
}
