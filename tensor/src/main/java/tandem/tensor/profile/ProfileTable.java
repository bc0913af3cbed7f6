package tandem.tensor.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The profile as text: what was measured, the ceilings, then ops, phases and modules by total time. */
final class ProfileTable {
    private ProfileTable() {}

    static String render(Profile p, Ceilings ceilings, int maxRows) {
        StringBuilder out = new StringBuilder();
        double base = p.baseMillis();
        if (p.hasRegions()) {
            line(out, "profile: %s regions, %.1f ms; backend ops inside them %.1f ms (%.1f%% of the regions less the profiler's bookkeeping)",
                    regionList(p.regions()), p.regionMillis(), p.opMillisInRegions(), 100 * p.coverage());
        } else {
            line(out, "profile: %.1f ms recorded, no regions", p.elapsedMillis());
        }
        line(out, "ops: %d backend calls; profiler bookkeeping %.2f us per call (%.1f ms, %.1f%% of %s), not inside any op's time",
                p.ops(), p.bookkeepingMicrosPerOp(), p.bookkeepingMillis(), 100 * p.bookkeepingMillis() / base,
                p.hasRegions() ? "the regions" : "the recording");
        if (ceilings != null) line(out, "ceilings: %s", ceilings.describe());
        else line(out, "ceilings: not measured, so no op is called compute- or memory-bound");
        if (p.traceTruncated()) line(out, "trace: only the first %d calls kept (the tables count every call)", p.traceEventLimit());

        List<String> phases = new ArrayList<>();
        p.byPhase().forEach((phase, s) -> phases.add(String.format(Locale.ROOT, "%s %.1f ms (%.1f%%)", phase.label(), s.millis(), 100 * s.millis() / base)));
        line(out, "by phase: %s", String.join("; ", phases));
        OpSummary outside = p.outsideRegions();
        if (outside != null && outside.calls() > 0) {
            line(out, "outside the regions: %d calls, %.1f ms (not in the tables below)", outside.calls(), outside.millis());
        }

        List<OpSummary> ops = p.byOp();
        boolean device = ops.stream().anyMatch(s -> s.kernels() > 0);
        out.append('\n');
        line(out, "%-30s %8s %10s %7s %10s%s %9s %9s %8s  %s", "op", "calls", "total ms", "share", "mean us",
                device ? String.format(Locale.ROOT, " %10s", "device ms") : "", "GFLOP/s", "GB/s", "FLOP/B", "bound");
        int shown = 0;
        double restMs = 0;
        for (OpSummary s : ops) {
            if (shown++ >= maxRows) {
                restMs += s.millis();
                continue;
            }
            String dev = !device ? "" : String.format(Locale.ROOT, " %10s", s.deviceNanos() >= 0 ? fmt(s.deviceNanos() / 1e6, 3) : "-");
            line(out, "%-30s %8d %10.3f %6.1f%% %10.1f%s %9s %9s %8s  %s", s.name(), s.calls(), s.millis(), 100 * s.millis() / base,
                    s.wallNanos() / 1e3 / s.calls(), dev, fmt(s.gflops(), 1), fmt(s.gbPerSecond(), 2), fmt(s.intensity(), 2), s.bound(ceilings));
        }
        if (shown > maxRows) line(out, "(%d more ops, %.3f ms)", shown - maxRows, restMs);
        if (device) line(out, "GFLOP/s and GB/s use device time where every kernel of the op was timed by the device, else wall time.");

        out.append('\n');
        line(out, "%-46s %8s %10s %7s", "module", "calls", "total ms", "share");
        shown = 0;
        for (OpSummary s : p.byModule()) {
            if (shown++ >= maxRows) break;
            line(out, "%-46s %8d %10.3f %6.1f%%", s.name().isEmpty() ? "(no module)" : s.name(), s.calls(), s.millis(), 100 * s.millis() / base);
        }
        return out.toString();
    }

    private static String regionList(Map<String, Long> regions) {
        StringBuilder b = new StringBuilder();
        regions.forEach((name, n) -> b.append(b.length() == 0 ? "" : ", ").append(n).append(" x ").append(name));
        return b.toString();
    }

    /** A number, or "-" when it is unknown (NaN) or meaningless (infinite, as an intensity with no bytes). */
    private static String fmt(double v, int decimals) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
