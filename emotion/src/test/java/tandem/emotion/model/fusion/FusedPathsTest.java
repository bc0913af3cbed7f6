package tandem.emotion.model.fusion;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import tandem.autograd.Var;
import tandem.emotion.model.head.ClassMapHead;
import tandem.emotion.model.head.ScoreCalibration;
import tandem.nn.Module;
import tandem.nn.Seeds;
import tandem.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused kernels inside the model agree with the compositions they replace: same outputs, same gradients for the
 * inputs and every parameter, same attention taps. |fused - composite| <= 1e-5 + 1e-4 |composite| in F32.
 */
class FusedPathsTest {
    static void close(Tensor a, Tensor b, String what) {
        assertArrayEquals(b.shape(), a.shape(), what);
        float[] x = a.toFloatArray(), y = b.toFloatArray();
        for (int i = 0; i < x.length; i++) {
            assertTrue(Math.abs(x[i] - y[i]) <= 1e-5 + 1e-4 * Math.abs(y[i]), what + " element " + i + ": " + x[i] + " vs " + y[i]);
        }
    }

    record Run(Map<String, Tensor> grads, Map<String, Tensor> taps, Tensor[] outputs) {}

    static Run run(Supplier<Module> build, Function<Module, Var[]> forward, Var... inputs) {
        Seeds.set(17);
        Module m = build.get();
        Map<String, Tensor> taps = new TreeMap<>();
        m.observe((tag, v) -> taps.put(tag, v.data()));
        for (Var in : inputs) in.zeroGrad();
        Var[] out = forward.apply(m);
        Var loss = out[0].mul(out[0]).sum();
        for (int i = 1; i < out.length; i++) loss = loss.add(out[i].sum());
        loss.backward();
        Map<String, Tensor> grads = new TreeMap<>();
        m.namedParameters().forEach((k, v) -> grads.put(k, v.grad()));
        for (int i = 0; i < inputs.length; i++) grads.put("input" + i, inputs[i].grad());
        Tensor[] values = new Tensor[out.length];
        for (int i = 0; i < out.length; i++) values[i] = out[i].data();
        return new Run(grads, taps, values);
    }

    static void same(Run fused, Run composite) {
        for (int i = 0; i < fused.outputs().length; i++) close(fused.outputs()[i], composite.outputs()[i], "output " + i);
        assertEquals(composite.grads().keySet(), fused.grads().keySet());
        for (String k : composite.grads().keySet()) close(fused.grads().get(k), composite.grads().get(k), "gradient of " + k);
        assertEquals(composite.taps().keySet(), fused.taps().keySet());
        for (String k : composite.taps().keySet()) close(fused.taps().get(k), composite.taps().get(k), "tap " + k);
    }

    @Test void windowedBlockFusedEqualsComposite() {
        // equal windows (8 and 12 steps, W = 4) and unequal ones (7 and 10 steps, W = 3)
        for (int[] t : new int[][] {{8, 12, 4}, {7, 10, 3}}) {
            Var video = Var.param(Tensor.randn(1, 2, 6, t[0], 2, 3)), audio = Var.param(Tensor.randn(2, 2, 5, t[1]));
            WindowOptions base = WindowOptions.defaults().withWindows(t[2]).withDim(4);
            Function<Module, Var[]> fwd = m -> {
                FusionBlock.Fused f = ((WindowedCrossAttention) m).forward(video, audio);
                return new Var[] {f.video(), f.audio()};
            };
            same(run(() -> new WindowedCrossAttention(6, 5, base.withFused(true)), fwd, video, audio),
                    run(() -> new WindowedCrossAttention(6, 5, base.withFused(false)), fwd, video, audio));
        }
    }

    @Test void classMapHeadFusedEqualsComposite() {
        Var features = Var.param(Tensor.randn(3, 2, 20, 3, 2, 2));
        Function<Module, Var[]> fwd = m -> new Var[] {((ClassMapHead) m).forward(features)};
        same(run(() -> new ClassMapHead(20, 4, 4, 4, ScoreCalibration.AFFINE, true), fwd, features),
                run(() -> new ClassMapHead(20, 4, 4, 4, ScoreCalibration.AFFINE, false), fwd, features));
    }
}
