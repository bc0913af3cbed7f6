package tandem.bench;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The ops {@code ./tandem bench} knows, their passes, and the workload behind each name. */
final class BenchOps {
    static final List<String> ALL = all();
    /** Suffix of the BLAS rival's rows: {@code gemm-openblas} is OpenBLAS on {@code gemm}'s shape. */
    static final String OPENBLAS = "-openblas";

    private BenchOps() {}

    private static List<String> all() {
        List<String> ops = new ArrayList<>();
        for (GemmCase g : GemmCase.ALL) {
            ops.add(g.id());
            ops.add(g.id() + "-openblas");
        }
        ops.add("gemm-v1");
        for (ConvCase c : ConvCase.ALL) ops.add(c.id());
        for (String f : Workloads.FUSED) {
            ops.add(f);
            ops.add(f + "-composite");
        }
        ops.add("train-step-tiny");
        ops.add("train-step-tiny-reference");
        for (String preset : LiveWindowWorkload.PRESETS) ops.add(LIVE_WINDOW + "-" + preset);
        return List.copyOf(ops);
    }

    /** One window of {@code ./tandem live} end to end per preset; {@code --op live-window} selects every preset. */
    static final String LIVE_WINDOW = "live-window";

    /**
     * What a run without {@code --op} covers: every op except the ravdess window, which takes seconds a run (ask for it
     * with {@code --op live-window} or {@code --op live-window-ravdess}).
     */
    static final List<String> FULL_TABLE = ALL.stream().filter(o -> !o.equals(LIVE_WINDOW + "-ravdess")).toList();

    /**
     * The ops an {@code --op} names on the chosen place, the CPU's ({@link #ALL}) or a device's: one op, or on the CPU
     * every preset of {@code live-window}.
     */
    static List<String> select(String op, boolean onDevice) {
        if (!onDevice && op.equals(LIVE_WINDOW)) return ALL.stream().filter(o -> o.startsWith(LIVE_WINDOW + "-")).toList();
        List<String> here = onDevice ? DeviceWorkloads.OPS : ALL, there = onDevice ? ALL : DeviceWorkloads.OPS;
        if (!here.contains(op) && (there.contains(op) || op.equals(LIVE_WINDOW))) {
            throw new IllegalArgumentException("--op: '" + op + "' runs only " + (onDevice ? "on the CPU (--device cpu)"
                    : "on a device (--device opencl or cuda)") + "; here: " + String.join(", ", here));
        }
        if (!here.contains(op)) {
            throw new IllegalArgumentException("--op: unknown op '" + op + "'; known: " + String.join(", ", here)
                    + (onDevice ? "" : ", " + LIVE_WINDOW));
        }
        return List.of(op);
    }

    static List<String> passes(String op) {
        if (op.startsWith(LIVE_WINDOW)) return List.of("window");
        return op.equals("gemm-v1") ? List.of("fwd") : op.startsWith("train-step") ? List.of("fwdbwd") : List.of("fwd", "fwdbwd");
    }

    /** Latency rows (a window of live) are timed for their 95th percentile too; kernels for their median. */
    static Timing.Policy timing(String op) {
        return op.startsWith(LIVE_WINDOW) ? Timing.LATENCY : Timing.KERNEL;
    }

    static Workload workload(String op, String pass) {
        if (op.startsWith(LIVE_WINDOW + "-")) return LiveWindowWorkload.create(op.substring(LIVE_WINDOW.length() + 1));
        if (op.equals("gemm-v1")) return Workloads.create("gemm", pass, "v1");
        if (op.endsWith(OPENBLAS)) return Workloads.create(op.substring(0, op.length() - OPENBLAS.length()), pass, "openblas");
        if (op.equals("train-step-tiny-reference")) return Workloads.create("train-step-tiny", pass, "ref");
        if (op.endsWith("-composite")) return Workloads.create(op.substring(0, op.length() - "-composite".length()), pass, "composite");
        return Workloads.create(op, pass, "fast");
    }

    /** For picocli's help text: the CPU's ops, then those only a device runs. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> names = new ArrayList<>(ALL);
            names.add(LIVE_WINDOW);
            for (String d : DeviceWorkloads.OPS) if (!names.contains(d)) names.add(d);
            return names.iterator();
        }
    }
}
