package tandem.kernels.device;

import tandem.tensor.Tensor;
import tandem.tensor.backend.FusedShapes;
import tandem.tensor.backend.FusedShapes.WindowDims;

/**
 * Windowed attention forward, backward and weights (window_attention_fwd.cl, window_attention_bwd.cl,
 * window_attention_weights.cl): one launch each, one work-group per (window, batch). Inputs are made dense first.
 */
final class WindowAttentionOps {
    /** Most work-items per group; a group loops when its window holds more queries (or keys) than this. */
    static final int MAX_GROUP = 64;

    private WindowAttentionOps() {}

    // q: (B, Tq, D), k: (B, Tk, D), v: (B, Tk, Dv) -> {out: (B, Tq, Dv), lse: (B, Tq)}
    static Tensor[] forward(DeviceBackend b, Tensor q, Tensor k, Tensor v, int windows, double scale) {
        WindowDims d = FusedShapes.checkWindowAttention("window_attention", q, k, v, windows);
        b.requireHere("window_attention", q, k, v);
        try (Scratch s = b.scratch()) {
            Tensor out = b.empty(q.dtype(), new int[] {d.b(), d.tq(), d.dv()});
            Tensor lse = b.empty(q.dtype(), new int[] {d.b(), d.tq()});
            KernelArgs args = sizes(d, true).acc(scale)
                    .buffer(s.dense(q)).buffer(s.dense(k)).buffer(s.dense(v)).buffer(out).buffer(lse);
            b.launch("window_attention_fwd", q.dtype(), args, grid(d, d.queries().largest()));
            return new Tensor[] {out, lse};
        }
    }

    // the forward's operands, out and dOut: (B, Tq, Dv), logsumexp: (B, Tq) -> {dq, dk, dv}
    static Tensor[] backward(DeviceBackend b, Tensor q, Tensor k, Tensor v, Tensor out, Tensor logsumexp, Tensor dOut,
                             int windows, double scale) {
        WindowDims d = FusedShapes.checkWindowAttentionBackward("window_attention_bwd", q, k, v, out, logsumexp, dOut, windows);
        b.requireHere("window_attention_bwd", q, k, v, out, logsumexp, dOut);
        try (Scratch s = b.scratch()) {
            Tensor dq = b.empty(q.dtype(), q.shape()), dk = b.empty(q.dtype(), k.shape()), dv = b.empty(q.dtype(), v.shape());
            Tensor delta = s.own(b.empty(q.dtype(), new int[] {d.b(), d.tq()}));
            KernelArgs args = sizes(d, true).acc(scale)
                    .buffer(s.dense(q)).buffer(s.dense(k)).buffer(s.dense(v)).buffer(s.dense(out))
                    .buffer(s.dense(logsumexp)).buffer(s.dense(dOut))
                    .buffer(dq).buffer(dk).buffer(dv).buffer(delta);
            b.launch("window_attention_bwd", q.dtype(), args, grid(d, Math.max(d.queries().largest(), d.keys().largest())));
            return new Tensor[] {dq, dk, dv};
        }
    }

    // q: (B, Tq, D), k: (B, Tk, D) -> (B, Tq, Tk), zero outside each query's window
    static Tensor weights(DeviceBackend b, Tensor q, Tensor k, int windows, double scale) {
        WindowDims d = FusedShapes.checkWindowAttention("window_attention_weights", q, k, k, windows);
        b.requireHere("window_attention_weights", q, k);
        try (Scratch s = b.scratch()) {
            Tensor w = b.empty(q.dtype(), new int[] {d.b(), d.tq(), d.tk()});
            KernelArgs args = sizes(d, false).acc(scale).buffer(s.dense(q)).buffer(s.dense(k)).buffer(w);
            b.launch("window_attention_weights", q.dtype(), args, grid(d, d.queries().largest()));
            return w;
        }
    }

    private static KernelArgs sizes(WindowDims d, boolean withValues) {
        KernelArgs args = new KernelArgs().i32(d.tq()).i32(d.tk()).i32(d.d());
        if (withValues) args.i32(d.dv());
        return args.i32(d.windows());
    }

    /** Groups over (window, batch), each with the smallest power of two of items covering {@code rows}, at most 64. */
    private static Grid grid(WindowDims d, int rows) {
        int items = Grid.powerOfTwoAtLeast(rows, MAX_GROUP);
        return new Grid(new long[] {(long) d.windows() * items, d.b()}, new int[] {items, 1});
    }
}
