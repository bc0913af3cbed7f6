package tandem.bench;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import tandem.tensor.Device;
import tandem.tensor.Tensor;
import tandem.tensor.backend.Backend;
import tandem.tensor.backend.Backends;
import tandem.tensor.memory.MemoryScope;

/**
 * The benchmark shapes run through the {@link Backend} contract on any device (OpenCL, CUDA, or the CPU backend as a
 * whole), so one table compares devices. Every run ends by reading one value back, which waits for the device's
 * queue, and frees what it allocated inside a {@link MemoryScope}. Bytes are what the backend calls of one run move
 * (counted by the profiler), so the rows can be drawn on the device's roofline.
 */
final class DeviceWorkloads {
    private DeviceWorkloads() {}

    static final List<String> OPS = List.of("gemm", "conv3d-stem", "conv3d-mid", "conv3d-grouped",
            "conv1d-mfcc", "conv1d-mid", "attn-windowed");

    static Workload create(String op, String pass, Device device) {
        boolean backward = pass.equals("fwdbwd");
        if (op.equals("gemm")) {
            int n = Workloads.GEMM_N;
            Tensor a = Tensor.rand(1, n, n).to(device), b = Tensor.rand(2, n, n).to(device);
            return timed(device, 2.0 * n * n * n * (backward ? 3 : 1), be -> {
                Tensor c = a.matmul(b);
                if (!backward) return c;
                a.transpose(0, 1).matmul(c);
                return c.matmul(b.transpose(0, 1));
            });
        }
        if (op.equals("attn-windowed")) {
            // after projection: video queries (8, 16, 64) attend audio keys/values (8, 208, 64) in 4 windows
            Tensor q = Tensor.randn(3, 8, 16, 64).to(device), k = Tensor.randn(4, 8, 208, 64).to(device), v = Tensor.randn(5, 8, 208, 64).to(device);
            double flops = 4.0 * 8 * 64 * (16 * 208) / 4;                      // q k^T and p v, per window
            return timed(device, flops * (backward ? 3.5 : 1), be -> {
                Tensor[] r = be.windowAttentionForward(q, k, v, 4, 0.125);
                if (!backward) return r[0];
                return be.windowAttentionBackward(q, k, v, r[0], r[1], r[0], 4, 0.125)[0];
            });
        }
        ConvCase c = ConvCase.byId(op);
        Tensor x = Tensor.rand(6, c.x()).to(device), w = Tensor.rand(7, c.w()).to(device);
        return timed(device, c.forwardFlops() * (backward ? 3 : 1), be -> {
            Tensor y = be.convForward(x, w, c.spec());
            if (!backward) return y;
            be.convBackwardData(y, w, c.spec(), c.x());
            return be.convBackwardWeight(x, y, c.spec(), c.w());
        });
    }

    /** The backend is looked up on every run, so that a recording profiler sees the calls. */
    private static Workload timed(Device device, double flops, Function<Backend, Tensor> body) {
        Supplier<Float> once = () -> {
            try (MemoryScope scope = MemoryScope.open()) {
                Tensor out = body.apply(Backends.get(device));
                return (float) out.reshape(-1).narrow(0, 0, 1).item();
            }
        };
        double bytes = Workloads.OpCount.of(once).bytes();
        return new Workload() {
            @Override public double flops() { return flops; }

            @Override public double bytes() { return bytes; }

            @Override public float run() { return once.get(); }
        };
    }
}
