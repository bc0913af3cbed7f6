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
        return List.copyOf(ops);
    }

    static String require(String op) {
        if (!ALL.contains(op)) throw new IllegalArgumentException("--op: unknown op '" + op + "'; known: " + String.join(", ", ALL));
        return op;
    }

    static List<String> passes(String op) {
        return op.equals("gemm-v1") ? List.of("fwd") : op.startsWith("train-step") ? List.of("fwdbwd") : List.of("fwd", "fwdbwd");
    }

    static Workload workload(String op, String pass) {
        if (op.equals("gemm-v1")) return Workloads.create("gemm", pass, "v1");
        if (op.endsWith(OPENBLAS)) return Workloads.create(op.substring(0, op.length() - OPENBLAS.length()), pass, "openblas");
        if (op.equals("train-step-tiny-reference")) return Workloads.create("train-step-tiny", pass, "ref");
        if (op.endsWith("-composite")) return Workloads.create(op.substring(0, op.length() - "-composite".length()), pass, "composite");
        return Workloads.create(op, pass, "fast");
    }

    /** For picocli's help text. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() { return ALL.iterator(); }
    }
}
