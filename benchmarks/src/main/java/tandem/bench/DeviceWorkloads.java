package tandem.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import tandem.kernels.device.DeviceBackend;
import tandem.tensor.Device;
import tandem.tensor.Shape;
import tandem.tensor.Tensor;
import tandem.tensor.backend.Backend;
import tandem.tensor.backend.Backends;
import tandem.tensor.memory.MemoryScope;

/**
 * The rows of {@code ./tandem bench --device opencl|cuda}: GEMM (1024^3), every convolution shape with the tiled v2
 * kernels (the default) and with v1 ({@code <id>-v1}), and the fused ops beside their composites on the same device
 * ({@code <op>-composite}: what autograd runs without the fused kernel). F32. Every run ends by reading one value back,
 * which waits for the device's queue, and frees what it allocated inside a {@link MemoryScope}.
 *
 * <p>Bytes are the compulsory traffic of each pass (every operand read once, every result written once), so GB/s is
 * a lower bound on the bandwidth a kernel used; GFLOP/s counts a multiply-add as 2. The backend is looked up on every
 * call, so that a recording profiler (which decorates the backend it hands out) sees the calls.
 */
final class DeviceWorkloads {
    private DeviceWorkloads() {}

    static final List<String> OPS = ops();

    private static List<String> ops() {
        List<String> ops = new ArrayList<>(List.of("gemm"));
        for (ConvCase c : ConvCase.ALL) {
            ops.add(c.id());
            ops.add(c.id() + "-v1");
        }
        for (String f : Workloads.FUSED) {
            ops.add(f);
            ops.add(f + "-composite");
        }
        return List.copyOf(ops);
    }

    static Workload create(String op, String pass, Device device) {
        boolean backward = pass.equals("fwdbwd");
        if (op.equals("gemm")) {
            int n = Workloads.GEMM_N;
            Tensor a = Tensor.rand(1, n, n).to(device), b = Tensor.rand(2, n, n).to(device);
            int products = backward ? 3 : 1;
            return timed(2.0 * n * n * n * products, 4.0 * 3 * n * n * products, () -> {
                Tensor c = a.matmul(b);
                if (!backward) return c;
                a.transpose(0, 1).matmul(c);
                return c.matmul(b.transpose(0, 1));
            });
        }
        String base = op.endsWith("-composite") ? op.substring(0, op.length() - "-composite".length()) : op;
        if (Workloads.FUSED.contains(base)) {
            FusedOps fused = FusedOps.on(device);
            boolean kernel = base.equals(op);
            double flops = fusedRun(fused, base, kernel, backward);
            return timed(flops, fused.bytes(base, backward), () -> {
                fusedRun(fused, base, kernel, backward);
                return fused.lastResult();
            });
        }
        int version = op.endsWith("-v1") ? 1 : 2;
        ConvCase c = ConvCase.byId(version == 1 ? op.substring(0, op.length() - "-v1".length()) : op);
        if (!(Backends.get(device) instanceof DeviceBackend device1)) throw new IllegalArgumentException(device + " has no device convolution kernels");
        Tensor x = Tensor.rand(6, c.x()).to(device), w = Tensor.rand(7, c.w()).to(device);
        double xs = Shape.numel(c.x()), ws = Shape.numel(c.w()), ys = Shape.numel(c.y());
        double bytes = 4 * (backward ? (xs + ws + ys) + (ys + ws + xs) + (xs + ys + ws) : xs + ws + ys);
        return timed(c.forwardFlops() * (backward ? 3 : 1), bytes, () -> {
            int before = device1.convVersion();
            device1.useConvVersion(version);
            try {
                Backend be = Backends.get(device);
                Tensor y = be.convForward(x, w, c.spec());
                if (!backward) return y;
                be.convBackwardData(y, w, c.spec(), c.x());
                return be.convBackwardWeight(x, y, c.spec(), c.w());
            } finally {
                device1.useConvVersion(before);
            }
        });
    }

    private static double fusedRun(FusedOps f, String op, boolean kernel, boolean backward) {
        return switch (op) {
            case "attn-full" -> f.full(kernel, backward);
            case "attn-windowed" -> f.windowed(kernel, backward);
            default -> f.seClassMap(kernel, backward);
        };
    }

    private static Workload timed(double flops, double bytes, Supplier<Tensor> body) {
        return new Workload() {
            @Override public double flops() { return flops; }

            @Override public double bytes() { return bytes; }

            @Override public float run() {
                try (MemoryScope scope = MemoryScope.open()) {
                    Tensor out = body.get();
                    return (float) out.reshape(-1).narrow(0, 0, 1).item();
                }
            }
        };
    }
}
