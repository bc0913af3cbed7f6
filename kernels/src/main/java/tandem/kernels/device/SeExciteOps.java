package tandem.kernels.device;

import tandem.tensor.Tensor;
import tandem.tensor.backend.FusedShapes;
import tandem.tensor.backend.FusedShapes.SeDims;

/**
 * The class-map head's per-class excitation, forward (se_excite_fwd.cl: one group per (class, batch)) and backward
 * (se_excite_bwd.cl: se_excite_bwd, one group per class, then se_excite_bwd_dz). Inputs are made dense first.
 */
final class SeExciteOps {
    /** Most work-items per group: TK_GROUP in tandem_dialect.h. */
    static final int MAX_GROUP = Grid.REDUCE_GROUP;

    private SeExciteOps() {}

    // z: (B, N), w1: (C, H, N), b1: (C, H), w2: (C, N, H), b2: (C, N) -> s: (B, C, N)
    static Tensor forward(DeviceBackend b, Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        SeDims d = FusedShapes.checkSeExcite("se_excite", z, w1, b1, w2, b2);
        b.requireHere("se_excite", z, w1, b1, w2, b2);
        try (Scratch s = b.scratch()) {
            Tensor out = b.empty(z.dtype(), new int[] {d.b(), d.c(), d.n()});
            KernelArgs args = new KernelArgs().i32(d.c()).i32(d.h()).i32(d.n())
                    .buffer(s.dense(z)).buffer(s.dense(w1)).buffer(s.dense(b1)).buffer(s.dense(w2)).buffer(s.dense(b2))
                    .buffer(out);
            int items = items(Math.max(d.n(), Math.min(d.h(), MAX_GROUP)));
            b.launch("se_excite_fwd", z.dtype(), args, new Grid(new long[] {(long) d.c() * items, d.b()}, new int[] {items, 1}));
            return out;
        }
    }

    // the forward's operands and ds: (B, C, N) -> {dz, dw1, db1, dw2, db2}
    static Tensor[] backward(DeviceBackend b, Tensor z, Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor ds) {
        SeDims d = FusedShapes.checkSeExciteBackward("se_excite_bwd", z, w1, b1, w2, b2, ds);
        b.requireHere("se_excite_bwd", z, w1, b1, w2, b2, ds);
        try (Scratch s = b.scratch()) {
            Tensor dw1 = b.empty(z.dtype(), w1.shape()), db1 = b.empty(z.dtype(), b1.shape());
            Tensor dw2 = b.empty(z.dtype(), w2.shape()), db2 = b.empty(z.dtype(), b2.shape());
            Tensor dz = b.empty(z.dtype(), z.shape());
            Tensor hidden = s.own(b.empty(z.dtype(), new int[] {d.c(), d.b(), d.h()}));
            Tensor du = s.own(b.empty(z.dtype(), new int[] {d.c(), d.b(), d.n()}));
            Tensor zd = s.dense(z), w1d = s.dense(w1);
            KernelArgs args = new KernelArgs().i32(d.b()).i32(d.c()).i32(d.h()).i32(d.n())
                    .buffer(zd).buffer(w1d).buffer(s.dense(b1)).buffer(s.dense(w2)).buffer(s.dense(b2)).buffer(s.dense(ds))
                    .buffer(dw1).buffer(db1).buffer(dw2).buffer(db2).buffer(hidden).buffer(du);
            int items = items(Math.max(d.n(), d.h()));
            b.launch("se_excite_bwd", z.dtype(), args, new Grid(new long[] {(long) d.c() * items}, new int[] {items}));
            KernelArgs dzArgs = new KernelArgs().i32(d.b()).i32(d.c()).i32(d.h()).i32(d.n()).buffer(w1d).buffer(hidden).buffer(dz);
            b.launch("se_excite_bwd_dz", z.dtype(), dzArgs, Grid.linear((long) d.b() * d.n()));
            return new Tensor[] {dz, dw1, db1, dw2, db2};
        }
    }

    /** The smallest power of two of items covering {@code units}, at most MAX_GROUP. */
    private static int items(int units) {
        return Grid.powerOfTwoAtLeast(units, MAX_GROUP);
    }
}
