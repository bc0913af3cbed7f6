package tandem.kernels.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import tandem.tensor.DType;
import tandem.tensor.Tensor;
import tandem.tensor.backend.FusedOp;

/**
 * The fused kernels (windowed attention forward, backward and weights; SE forward and backward) against the CPU
 * backend's fused kernels, which are tested against naive loops and central differences. Odd shapes: single
 * elements, primes, uneven windows, windows longer than a work-group or a key chunk, more hidden units than a local
 * tile, more outputs than a group. Non-contiguous inputs. F32 and, where the device has it, F64. Every call is
 * checked to launch exactly its fused kernels and nothing else, so no composition of primitives stood in for one.
 */
public interface FusedOpsContract extends DeviceFixture {
    Tolerance F32 = new Tolerance(3e-5, 2e-4);
    Tolerance F64 = new Tolerance(1e-12, 1e-11);

    /** (B, Tq, Tk, D, Dv, W). */
    int[][] ATTENTION_CASES = {
        {1, 1, 1, 1, 1, 1}, {2, 7, 11, 5, 3, 3}, {3, 13, 5, 17, 19, 5}, {1, 5, 5, 3, 2, 5},
        {2, 150, 97, 9, 4, 2},          // 75 queries and 48 keys per window: more than a group and a key chunk
        {2, 16, 208, 64, 64, 4},        // attn-windowed, the benchmark shape
    };

    /** (B, C, H, N). */
    int[][] SE_CASES = {{1, 1, 1, 1}, {3, 2, 5, 7}, {2, 4, 3, 33}, {2, 3, 300, 19}, {5, 4, 8, 300}};

    @Test
    default void theDeviceHasEveryFusedOp() {
        for (FusedOp op : FusedOp.values()) assertTrue(backend().hasFused(op), device() + " lacks " + op);
    }

    @Test
    default void windowedAttentionMatchesTheCpuThroughItsKernelsOnly() {
        long seed = 500;
        for (DType dt : dtypes()) {
            Tolerance tol = Tolerance.of(dt, F32, F64);
            for (int[] c : ATTENTION_CASES) {
                String what = "attention " + Arrays.toString(c) + " " + dt;
                int b = c[0], tq = c[1], tk = c[2], d = c[3], dv = c[4], w = c[5];
                double scale = 1 / Math.sqrt(d);
                // q from a (B, D, Tq) tensor transposed; k every other row of a longer sequence; v and dOut dense
                Pair q = Pair.normal(device(), dt, seed++, b, d, tq).view(t -> t.transpose(1, 2));
                Pair k = Pair.normal(device(), dt, seed++, b, 2 * tk, d).view(t -> t.slice(1, 0, 2 * tk, 2));
                Pair v = Pair.normal(device(), dt, seed++, b, tk, dv), dOut = Pair.normal(device(), dt, seed++, b, tq, dv);
                Tensor[] ref = reference("window attention", () -> cpu().windowAttentionForward(q.cpu(), k.cpu(), v.cpu(), w, scale));
                Tensor[] got = onlyLaunches(what, "window_attention_fwd",
                        () -> backend().windowAttentionForward(q.dev(), k.dev(), v.dev(), w, scale));
                tol.check(what + " out", device(), got[0], ref[0]);
                tol.check(what + " logsumexp", device(), got[1], ref[1]);
                Tensor[] gRef = cpu().windowAttentionBackward(q.cpu(), k.cpu(), v.cpu(), ref[0], ref[1], dOut.cpu(), w, scale);
                Tensor[] g = onlyLaunches(what, "window_attention_bwd",
                        () -> backend().windowAttentionBackward(q.dev(), k.dev(), v.dev(), got[0], got[1], dOut.dev(), w, scale));
                for (int i = 0; i < 3; i++) tol.check(what + " d" + "qkv".charAt(i), device(), g[i], gRef[i]);
                Tensor weights = onlyLaunches(what, "window_attention_weights",
                        () -> backend().windowAttentionWeights(q.dev(), k.dev(), w, scale));
                tol.check(what + " weights", device(), weights, cpu().windowAttentionWeights(q.cpu(), k.cpu(), w, scale));
            }
        }
    }

    @Test
    default void seExcitationMatchesTheCpuThroughItsKernelsOnly() {
        long seed = 600;
        for (DType dt : dtypes()) {
            Tolerance tol = Tolerance.of(dt, F32, F64);
            for (int[] c : SE_CASES) {
                String what = "se " + Arrays.toString(c) + " " + dt;
                int b = c[0], cl = c[1], h = c[2], n = c[3];
                // z from a transposed (N, B) tensor, w2 from a permuted (C, H, N) one; the rest dense
                Pair z = Pair.normal(device(), dt, seed++, n, b).view(t -> t.transpose(0, 1));
                Pair w1 = Pair.normal(device(), dt, seed++, cl, h, n).view(t -> t.mul(1 / Math.sqrt(n)));
                Pair b1 = Pair.normal(device(), dt, seed++, cl, h).view(t -> t.mul(0.1));
                Pair w2 = Pair.normal(device(), dt, seed++, cl, h, n).view(t -> t.mul(1 / Math.sqrt(h)).transpose(1, 2));
                Pair b2 = Pair.normal(device(), dt, seed++, cl, n).view(t -> t.mul(0.1));
                Pair ds = Pair.normal(device(), dt, seed++, b, cl, n);
                Tensor ref = reference("se excitation", () -> cpu().seExciteForward(z.cpu(), w1.cpu(), b1.cpu(), w2.cpu(), b2.cpu()));
                tol.check(what, device(), onlyLaunches(what, "se_excite_fwd",
                        () -> backend().seExciteForward(z.dev(), w1.dev(), b1.dev(), w2.dev(), b2.dev())), ref);
                Tensor[] gRef = cpu().seExciteBackward(z.cpu(), w1.cpu(), b1.cpu(), w2.cpu(), b2.cpu(), ds.cpu());
                Tensor[] g = onlyLaunches(what, "se_excite_bwd se_excite_bwd_dz",
                        () -> backend().seExciteBackward(z.dev(), w1.dev(), b1.dev(), w2.dev(), b2.dev(), ds.dev()));
                String[] names = {"dz", "dw1", "db1", "dw2", "db2"};
                for (int i = 0; i < 5; i++) tol.check(what + " " + names[i], device(), g[i], gRef[i]);
            }
        }
    }

    @Test
    default void badShapesGetTheCpusMessage() {
        Tensor q = Tensor.zeros(2, 5, 4).to(device()), k = Tensor.zeros(2, 3, 4).to(device()), v = Tensor.zeros(2, 3, 6).to(device());
        String tooMany = assertThrows(IllegalArgumentException.class, () -> backend().windowAttentionForward(q, k, v, 4, 1)).getMessage();
        assertTrue(tooMany.contains("window_attention") && tooMany.contains("min(Tq, Tk) = 3"), tooMany);
        Tensor z = Tensor.zeros(2, 5).to(device()), w1 = Tensor.zeros(3, 4, 5).to(device()), b1 = Tensor.zeros(3, 4).to(device());
        Tensor b2 = Tensor.zeros(3, 5).to(device());
        String wrongW2 = assertThrows(IllegalArgumentException.class, () -> backend().seExciteForward(z, w1, b1, w1, b2)).getMessage();
        assertTrue(wrongW2.contains("se_excite") && wrongW2.contains("expected [3, 5, 4]"), wrongW2);
    }

    /**
     * Runs {@code op} and checks that it launched each kernel named in {@code kernels} (space-separated) exactly once
     * and no other kernel, apart from the copies that make strided inputs dense.
     */
    private <T> T onlyLaunches(String what, String kernels, Supplier<T> op) {
        Map<String, Long> before = backend().kernelLaunches();
        T result = op.get();
        Map<String, Long> after = backend().kernelLaunches();
        for (String k : kernels.split(" ")) {
            assertEquals(1L, after.getOrDefault(k, 0L) - before.getOrDefault(k, 0L), what + ": launches of " + k);
        }
        for (Map.Entry<String, Long> e : after.entrySet()) {
            boolean expected = Arrays.asList(kernels.split(" ")).contains(e.getKey()) || e.getKey().equals("copy");
            long ran = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            assertTrue(expected || ran == 0, what + ": " + e.getKey() + " ran " + ran + " times, so a composite stood in");
        }
        return result;
    }
}
