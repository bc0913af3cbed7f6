package tandem.tensor.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a {@link Profiler} recorded: totals per op, per module and per phase; the regions (training steps); the trace
 * events of every thread. When the recording has regions, the tables count the ops inside them and their shares are
 * of the regions' time (a training step); otherwise they count every op and share the recording's wall time.
 */
public final class Profile {
    /** One thread's track in the trace. */
    record Track(long threadId, String threadName, List<OpEvent> events, List<RegionEvent> regions) {}

    private final Map<ThreadLog.Key, OpStats> stats = new HashMap<>();
    private final List<Track> tracks = new ArrayList<>();
    private final long elapsedNanos;
    private final long maxEvents;
    private final boolean truncated;
    private long ops, bookkeepingNanos, opNanosInRegions, bookkeepingNanosInRegions, regionNanos, topRegions;
    private final Map<String, Long> regionCounts = new LinkedHashMap<>();

    private Profile(long elapsedNanos, long maxEvents, boolean truncated) {
        this.elapsedNanos = elapsedNanos;
        this.maxEvents = maxEvents;
        this.truncated = truncated;
    }

    static Profile of(Collection<ThreadLog> logs, long elapsedNanos, long maxEvents, boolean truncated) {
        Profile p = new Profile(elapsedNanos, maxEvents, truncated);
        for (ThreadLog log : logs) {
            log.stats.forEach((k, s) -> p.stats.computeIfAbsent(k, x -> new OpStats()).add(s));
            p.tracks.add(new Track(log.threadId, log.threadName, List.copyOf(log.events), List.copyOf(log.regions)));
            p.ops += log.ops;
            p.bookkeepingNanos += log.bookkeepingNanos;
            p.opNanosInRegions += log.opNanosInRegions;
            p.bookkeepingNanosInRegions += log.bookkeepingNanosInRegions;
            p.regionNanos += log.regionNanos;
            for (RegionEvent r : log.regions) {
                if (r.depth() != 0) continue;
                p.topRegions++;
                p.regionCounts.merge(r.name(), 1L, Long::sum);
            }
        }
        p.tracks.sort(Comparator.comparingLong(Track::threadId));
        return p;
    }

    // ---- figures ----------------------------------------------------------------------------------------------
    /** Backend calls recorded (outermost calls only). */
    public long ops() { return ops; }

    public double elapsedMillis() { return elapsedNanos / 1e6; }

    /** True when there are top-level regions; the tables then count only the ops inside them. */
    public boolean hasRegions() { return topRegions > 0; }

    /** Top-level regions by name, with how many of each. */
    public Map<String, Long> regions() { return Map.copyOf(regionCounts); }

    /** Total wall time of the top-level regions (every thread's). */
    public double regionMillis() { return regionNanos / 1e6; }

    /** Wall time of the backend ops inside top-level regions. */
    public double opMillisInRegions() { return opNanosInRegions / 1e6; }

    /** The time the shares are of: the regions' when there are any, else the whole recording's. */
    public double baseMillis() { return hasRegions() ? regionMillis() : elapsedMillis(); }

    /**
     * Backend op time over the regions' own time (NaN without regions): how much of a step the op table explains. The
     * regions' own time is their wall time less the profiler's bookkeeping inside them, which an unrecorded step does
     * not spend (it is measured around every record, and printed beside the table).
     */
    public double coverage() {
        return hasRegions() ? opNanosInRegions / (double) Math.max(1, regionNanos - bookkeepingNanosInRegions) : Double.NaN;
    }

    /** The profiler's own bookkeeping per recorded op (measured around each record), microseconds. */
    public double bookkeepingMicrosPerOp() { return ops == 0 ? 0 : bookkeepingNanos / 1e3 / ops; }

    public double bookkeepingMillis() { return bookkeepingNanos / 1e6; }

    /** True when the trace stopped keeping events (the totals still count every op). */
    public boolean traceTruncated() { return truncated; }

    /** The most calls the trace keeps. */
    public long traceEventLimit() { return maxEvents; }

    /** Per op name, by total time, largest first. */
    public List<OpSummary> byOp() { return summarise(k -> k.op); }

    /** Per nn module path ("" for ops outside any module), by total time, largest first. */
    public List<OpSummary> byModule() { return summarise(k -> k.module); }

    /** Per phase, in phase order. */
    public Map<Phase, OpSummary> byPhase() {
        Map<Phase, OpSummary> out = new EnumMap<>(Phase.class);
        for (OpSummary s : summarise(k -> k.phase.name())) out.put(Phase.valueOf(s.name()), s);
        return out;
    }

    /** Totals of the ops outside top-level regions (evaluation, data), when there are regions; else null. */
    public OpSummary outsideRegions() {
        if (!hasRegions()) return null;
        OpStats total = new OpStats();
        stats.forEach((k, s) -> { if (k.region.isEmpty()) total.add(s); });
        return OpSummary.of("outside regions", total);
    }

    private List<OpSummary> summarise(Function<ThreadLog.Key, String> by) {
        Map<String, OpStats> grouped = new LinkedHashMap<>();
        boolean regions = hasRegions();
        stats.forEach((k, s) -> {
            if (!regions || !k.region.isEmpty()) grouped.computeIfAbsent(by.apply(k), x -> new OpStats()).add(s);
        });
        List<OpSummary> out = new ArrayList<>();
        grouped.forEach((name, s) -> out.add(OpSummary.of(name, s)));
        out.sort(Comparator.comparingLong(OpSummary::wallNanos).reversed());
        return out;
    }

    List<Track> tracks() { return tracks; }

    // ---- output -----------------------------------------------------------------------------------------------
    /** The text table: header lines, then the {@code maxRows} most expensive ops, phases and modules. */
    public String table(Ceilings ceilings, int maxRows) { return ProfileTable.render(this, ceilings, maxRows); }

    /** The trace in Chrome's trace-event JSON format (chrome://tracing, ui.perfetto.dev): one track per thread. */
    public String chromeTrace() { return ChromeTrace.render(this); }

    /** The tables as JSON, for scripts. */
    public String json(Ceilings ceilings) { return ProfileJson.render(this, ceilings); }

    /** Writes profile.txt (every op), trace.json and profile.json into {@code dir}, each file atomically. */
    public void writeTo(Path dir, Ceilings ceilings) throws IOException {
        Files.createDirectories(dir);
        write(dir.resolve("profile.txt"), table(ceilings, Integer.MAX_VALUE));
        write(dir.resolve("trace.json"), chromeTrace());
        write(dir.resolve("profile.json"), json(ceilings));
    }

    private static void write(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
