package tandem.bench;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The ops {@code ./tandem bench} knows, their passes, and the workload behind each name. */
final class BenchOps {
    static final List<String> ALL = all();

    private BenchOps() {}

    private static List<String> all() {
        List<String> ops = new ArrayList<>(List.of("gemm", "gemm-v1"));
        for (ConvCase c : ConvCase.ALL) ops.add(c.id());
        for (String f : Workloads.FUSED) {
            ops.add(f);
            ops.add(f + "-composite");
        }
        ops.add("train-step-tiny");
        ops.add("train-step-tiny-reference");
        return List.copyOf(ops);
    }

    /** Checks {@code op} against the ops of the chosen place: the CPU's ({@link #ALL}) or a device's. */
    static String require(String op, boolean onDevice) {
        List<String> here = onDevice ? DeviceWorkloads.OPS : ALL, there = onDevice ? ALL : DeviceWorkloads.OPS;
        if (!here.contains(op) && there.contains(op)) {
            throw new IllegalArgumentException("--op: '" + op + "' runs only " + (onDevice ? "on the CPU (--device cpu)"
                    : "on a device (--device opencl or cuda)") + "; here: " + String.join(", ", here));
        }
        if (!here.contains(op)) throw new IllegalArgumentException("--op: unknown op '" + op + "'; known: " + String.join(", ", here));
        return op;
    }

    static List<String> passes(String op) {
        return op.equals("gemm-v1") ? List.of("fwd") : op.startsWith("train-step") ? List.of("fwdbwd") : List.of("fwd", "fwdbwd");
    }

    static Workload workload(String op, String pass) {
        if (op.equals("gemm-v1")) return Workloads.create("gemm", pass, "v1");
        if (op.equals("train-step-tiny-reference")) return Workloads.create("train-step-tiny", pass, "ref");
        if (op.endsWith("-composite")) return Workloads.create(op.substring(0, op.length() - "-composite".length()), pass, "composite");
        return Workloads.create(op, pass, "fast");
    }

    /** For picocli's help text: the CPU's ops, then those only a device runs. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> names = new ArrayList<>(ALL);
            for (String d : DeviceWorkloads.OPS) if (!names.contains(d)) names.add(d);
            return names.iterator();
        }
    }
}
