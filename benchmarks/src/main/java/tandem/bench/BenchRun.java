package tandem.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tandem.tensor.Device;
import tandem.tensor.Tandem;
import tandem.tensor.backend.Backends;
import tandem.tensor.profile.Ceilings;
import tandem.tensor.profile.MemoryBandwidth;
import tandem.tensor.profile.Profile;
import tandem.tensor.profile.Profiler;

/**
 * One {@code ./tandem bench} run: the ceilings of each thread count (the FMA peak before and after its rows, the
 * STREAM triad), every row timed, optionally each row profiled after it was timed, and the warnings a reader of
 * the numbers needs (a busy machine, a peak that moved).
 */
final class BenchRun {
    /** Runs of a row recorded by the profiler, after (never during) its timing. */
    static final int PROFILED_RUNS = 3;
    /** A peak that moves more than this between the start and the end of a thread count's rows is reported. */
    static final double PEAK_DRIFT = 0.10;

    private final PrintWriter out;
    private final Path profileDir;
    private final SlowDown slow;
    private final String onlyPass;
    private final BenchEnvironment environment = BenchEnvironment.capture();
    private final List<BenchRow> rows = new ArrayList<>();
    private final List<BenchReport.Ceiling> ceilings = new ArrayList<>();

    /**
     * @param profileDir where to write each row's profile, or null for none
     * @param onlyPass   fwd or fwdbwd to time that pass only, or null for every pass of each op
     */
    BenchRun(PrintWriter out, Path profileDir, SlowDown slow, String onlyPass) {
        this.out = out;
        this.onlyPass = onlyPass;
        this.profileDir = profileDir;
        this.slow = slow;
        out.println("environment: " + environment.describe());
        if (slow.active()) out.println("test switch: " + slow + " (" + SlowDown.PROPERTY + "): that row is deliberately slowed");
    }

    List<BenchRow> rows() { return rows; }

    /**
     * The CPU rows per thread count, between the ceilings: the FMA peak before the rows, re-measured briefly before each
     * op (a row counts against the best peak so far: the first measurement can catch the core before its clock rose)
     * and fully after them; the table's fractions are of the better of before and after. OpenBLAS's rows are skipped,
     * with the reason in the header, where its natives do not load.
     */
    BenchReport onCpu(List<String> ops, List<Integer> threadCounts) {
        BenchNotes.header(out);
        for (int t : threadCounts) {
            double peak = PeakFlops.measure(t), bandwidth = MemoryBandwidth.triad(t);
            out.printf(Locale.ROOT, "%s; bandwidth %.1f GB/s (STREAM triad)%n", PeakFlops.header(peak, t), bandwidth);
            Ceilings roof = new Ceilings(peak, "FMA loop, " + t + " thread(s)", bandwidth, "STREAM triad, " + t + " thread(s)");
            Tandem.setNumThreads(t);
            int first = rows.size();
            double again = 0;
            for (String op : ops) {
                if (op.endsWith(BenchOps.OPENBLAS) && OpenBlasGemm.unavailable() != null) continue;
                again = Math.max(again, PeakFlops.measure(t, 3, 1 << 21));       // the clock may change under a long run
                for (String pass : passes(BenchOps.passes(op))) {
                    measure(op, pass, t, null, slow.apply(op, BenchOps.workload(op, pass)), Math.max(peak, again), roof,
                            BenchOps.timing(op));
                }
            }
            double peakEnd = PeakFlops.measure(t);
            out.printf(Locale.ROOT, "peak after the rows: %.1f GFLOP/s on %d thread(s)%n", peakEnd, t);
            List<BenchRow> ofThisCount = rows.subList(first, rows.size());
            List<BenchRow> rebased = BenchNotes.againstPeak(List.copyOf(ofThisCount), peak, Math.max(again, peakEnd), out);
            ofThisCount.clear();
            rows.addAll(rebased);
            ceilings.add(new BenchReport.Ceiling(t, null, peak, peakEnd, bandwidth, "FMA loop (PeakFlops)", "STREAM triad (MemoryBandwidth)"));
        }
        BenchNotes.ratios(rows, out);
        return report();
    }

    /** The shapes through the Backend contract on a device, on the ceilings its backend attains (GEMM and a copy). */
    BenchReport onDevice(Device device, List<String> ops) {
        out.println("device: " + device + " (" + Backends.get(device) + ")");
        Ceilings roof = Ceilings.measure(device);
        out.println("ceilings: " + roof.describe());
        for (String op : ops) {
            for (String pass : passes(List.of("fwd", "fwdbwd"))) {
                measure(op, pass, 0, device.toString(), slow.apply(op, DeviceWorkloads.create(op, pass, device)), Double.NaN, roof,
                        Timing.DEVICE);
            }
        }
        ceilings.add(new BenchReport.Ceiling(0, device.toString(), roof.peakGflops(), null, roof.bandwidthGbs(), roof.peakSource(),
                roof.bandwidthSource()));
        return report();
    }

    private List<String> passes(List<String> ofOp) {
        return onlyPass == null ? ofOp : ofOp.stream().filter(onlyPass::equals).toList();
    }

    private void measure(String op, String pass, int threads, String device, Workload w, double peak, Ceilings roof, Timing.Policy policy) {
        BenchRow row = new BenchRow(op, pass, threads, device, Timing.time(w, policy), w.flops(), w.bytes(), peak, policy == Timing.LATENCY);
        rows.add(row);
        out.println(row.line());
        if (profileDir != null) profile(row, w, roof);
    }

    private void profile(BenchRow row, Workload w, Ceilings roof) {
        Profile p;
        try (Profiler profiler = Profiler.start()) {
            for (int i = 0; i < PROFILED_RUNS; i++) {
                try (Profiler.Scope r = Profiler.region(row.op() + " " + row.pass())) {
                    w.run();
                }
            }
            p = profiler.stop();
        }
        if (p.ops() == 0) {
            out.println("profile: " + row.key() + " calls its kernels directly, not through the Backend: nothing to record");
            return;
        }
        Path dir = profileDir.resolve(row.key().replace(' ', '-').replace(':', '-'));
        try {
            p.writeTo(dir, roof);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the profile to " + dir + ": " + e.getMessage(), e);
        }
        out.print(p.table(roof, 12));
        out.println("profile: " + dir.resolve("profile.txt") + ", trace " + dir.resolve("trace.json"));
    }

    private BenchReport report() {
        double loadEnd = BenchEnvironment.loadAverage();
        List<String> warnings = new ArrayList<>();
        int cores = environment.cores();
        if (environment.loadAtStart() > cores) warnings.add(busy("start", environment.loadAtStart(), cores));
        if (loadEnd > cores) warnings.add(busy("end", loadEnd, cores));
        for (BenchRow r : rows) {
            if (r.peakFraction() > 1) {
                warnings.add(String.format(Locale.ROOT, "%s reached %.0f%% of the FMA peak measured for %d thread(s): that peak was"
                        + " measured low (a busy machine?), so every fraction of it on %d thread(s) is too high", r.key(), 100 * r.peakFraction(),
                        r.threads(), r.threads()));
                break;
            }
        }
        for (BenchReport.Ceiling c : ceilings) {
            if (c.peakDrift() > PEAK_DRIFT) {
                warnings.add(String.format(Locale.ROOT, "the FMA peak on %d thread(s) moved %.0f%% during its rows (%.1f -> %.1f GFLOP/s):"
                        + " the machine's speed changed under the run", c.threads(), 100 * c.peakDrift(), c.peakGflops(), c.peakEndGflops()));
            }
        }
        return new BenchReport(BenchReport.FORMAT, environment, BenchReport.finite(loadEnd), ceilings, warnings,
                rows.stream().map(BenchReport.Row::of).toList());
    }

    private static String busy(String when, double load, int cores) {
        return String.format(Locale.ROOT, "machine busy: load average %.2f at the %s of the run, above its %d cores; times are inflated and noisy",
                load, when, cores);
    }
}
