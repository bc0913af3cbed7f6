package tandem.emotion.model.fusion;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tandem.autograd.Var;
import tandem.nn.Seeds;
import tandem.nn.layers.Attention;
import tandem.tensor.DType;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.emotion.model.fusion.TestSupport.assertClose;
import static tandem.emotion.model.fusion.TestSupport.randomF64;

class WindowedCrossAttentionTest {
    private static final int CV = 6, CA = 4, D = 5;

    private static WindowedCrossAttention block(WindowOptions o) {
        Seeds.set(21);
        WindowedCrossAttention b = new WindowedCrossAttention(CV, CA, o);
        b.to(DType.F64);
        return b;
    }

    private static WindowOptions windows(int w) { return WindowOptions.defaults().withDim(D).withWindows(w); }

    private static Map<String, Var> taps(WindowedCrossAttention b) {
        Map<String, Var> taps = new HashMap<>();
        b.observe(taps::put);
        return taps;
    }

    /**
     * Plain cross-attention on each window separately, straight from the parameters; with w = 1 this is ordinary
     * cross-attention over the whole clip with {@link Attention#scaledDotProduct}.
     */
    static FusionBlock.Fused reference(WindowedCrossAttention b, Var video, Var audio, int w) {
        Map<String, Var> p = b.namedParameters();
        int tv = video.size(2), l = audio.size(2);
        Var cv = video.mean(false, 3, 4).transpose(1, 2), ca = audio.transpose(1, 2);
        Var[] vOut = new Var[w], aOut = new Var[w];
        for (int i = 0; i < w; i++) {
            int v0 = i * tv / w, v1 = (i + 1) * tv / w, a0 = i * l / w, a1 = (i + 1) * l / w;
            Var vs = cv.narrow(1, v0, v1 - v0), as = ca.narrow(1, a0, a1 - a0);
            vOut[i] = Attention.scaledDotProduct(proj(p, "video_to_audio.query", vs), proj(p, "video_to_audio.key", as), proj(p, "video_to_audio.value", as)).output();
            aOut[i] = Attention.scaledDotProduct(proj(p, "audio_to_video.query", as), proj(p, "audio_to_video.key", vs), proj(p, "audio_to_video.value", vs)).output();
        }
        Var gv = proj(p, "video_to_audio.out", Var.cat(1, vOut)).transpose(1, 2).sigmoid();   // (B, Cv, Tv)
        Var ga = proj(p, "audio_to_video.out", Var.cat(1, aOut)).transpose(1, 2).sigmoid();   // (B, Ca, L)
        return new FusionBlock.Fused(video.mul(gv.reshape(video.size(0), CV, tv, 1, 1)), audio.mul(ga));
    }

    private static Var proj(Map<String, Var> p, String name, Var x) {
        return x.matmul(p.get(name + ".weight").transpose(0, 1)).add(p.get(name + ".bias"));
    }

    private static void assertSameFused(FusionBlock.Fused expected, FusionBlock.Fused actual, String what) {
        assertClose(expected.video(), actual.video(), 1e-12, 1e-10, what + " video");
        assertClose(expected.audio(), actual.audio(), 1e-12, 1e-10, what + " audio");
    }

    @Test void oneWindowIsPlainCrossAttentionOverTheWholeClip() {
        WindowedCrossAttention b = block(windows(1));
        Var video = randomF64(1, 2, CV, 5, 2, 3), audio = randomF64(2, 2, CA, 7);
        FusionBlock.Fused out = b.forward(video, audio);
        assertArrayEquals(video.shape(), out.video().shape());
        assertArrayEquals(audio.shape(), out.audio().shape());
        assertSameFused(reference(b, video, audio, 1), out, "W=1");
    }

    @Test void equalWindowsMatchPerWindowAttention() {
        WindowedCrossAttention b = block(windows(2));
        Var video = randomF64(3, 2, CV, 4, 2, 2), audio = randomF64(4, 2, CA, 6);
        assertSameFused(reference(b, video, audio, 2), b.forward(video, audio), "W=2 even");
    }

    @Test void unequalWindowsMatchPerWindowAttention() {
        WindowedCrossAttention b = block(windows(3));
        Var video = randomF64(5, 2, CV, 4, 1, 2), audio = randomF64(6, 2, CA, 7);   // windows [0,1) [1,2) [2,4) and [0,2) [2,4) [4,7)
        assertSameFused(reference(b, video, audio, 3), b.forward(video, audio), "W=3 uneven");
    }

    /** Windowing changes the result: a query must not see keys outside its window. */
    @Test void windowsRestrictWhatAQuerySees() {
        WindowedCrossAttention b = block(windows(2));
        Var video = randomF64(7, 1, CV, 4, 1, 1), audio = randomF64(8, 1, CA, 4);
        FusionBlock.Fused windowed = b.forward(video, audio), whole = reference(b, video, audio, 1);
        double diff = windowed.video().data().sub(whole.video().data()).unary(tandem.tensor.UnaryOp.ABS).sum().item();
        assertTrue(diff > 1e-6, "two windows gave the same output as one window");
        // changing audio in window 1 leaves video window 0 untouched
        double[] a = audio.data().toDoubleArray();
        for (int c = 0; c < CA; c++) a[c * 4 + 3] += 5;
        FusionBlock.Fused moved = b.forward(video, Var.constant(tandem.tensor.Tensor.of(a, 1, CA, 4)));
        assertClose(windowed.video().narrow(2, 0, 2), moved.video().narrow(2, 0, 2), 1e-14, 0, "video window 0");
    }

    @Test void tapsPublishRowStochasticAttentionAndGates() {
        WindowedCrossAttention b = block(windows(2));
        Map<String, Var> taps = taps(b);
        b.forward(randomF64(9, 3, CV, 4, 2, 2), randomF64(10, 3, CA, 6));
        Var v2a = taps.get("attn_video_to_audio"), a2v = taps.get("attn_audio_to_video");
        assertArrayEquals(new int[] {3, 2, 2, 3}, v2a.shape());   // (B, W, Sv, Sa)
        assertArrayEquals(new int[] {3, 2, 3, 2}, a2v.shape());   // (B, W, Sa, Sv)
        assertClose(new double[3 * 2 * 2], v2a.data().sum(false, 3).add(-1).toDoubleArray(), 1e-12, 0, "v2a rows - 1");
        assertClose(new double[3 * 2 * 3], a2v.data().sum(false, 3).add(-1).toDoubleArray(), 1e-12, 0, "a2v rows - 1");
        assertArrayEquals(new int[] {3, CV, 4}, taps.get("gate_video").shape());
        assertArrayEquals(new int[] {3, CA, 6}, taps.get("gate_audio").shape());
        for (double g : taps.get("gate_video").data().toDoubleArray()) assertTrue(g > 0 && g < 1, "sigmoid gate " + g);
    }

    @Test void unequalWindowsAreTappedPerWindow() {
        WindowedCrossAttention b = block(windows(3));
        Map<String, Var> taps = taps(b);
        b.forward(randomF64(11, 2, CV, 4, 1, 1), randomF64(12, 2, CA, 7));
        assertArrayEquals(new int[] {2, 2, 3}, taps.get("attn_video_to_audio.window2").shape());   // video [2,4), audio [4,7)
        assertArrayEquals(new int[] {2, 2, 1}, taps.get("attn_audio_to_video.window0").shape());   // audio [0,2), video [0,1)
        for (int i = 0; i < 3; i++) {
            Var w = taps.get("attn_video_to_audio.window" + i);
            assertClose(new double[(int) (w.data().numel() / w.size(-1))], w.data().sum(false, -1).add(-1).toDoubleArray(), 1e-12, 0, "window " + i + " rows - 1");
        }
    }

    @Test void gateAndResidualReadings() {
        Var video = randomF64(13, 2, CV, 4, 1, 2), audio = randomF64(14, 2, CA, 4);
        for (GateActivation g : GateActivation.values()) {
            for (boolean residual : new boolean[] {false, true}) {
                WindowedCrossAttention b = block(windows(2).withGate(g).withResidual(residual));
                Map<String, Var> taps = taps(b);
                FusionBlock.Fused out = b.forward(video, audio);
                Var gate = taps.get("gate_audio");   // (B, Ca, L)
                Var scale = residual ? gate.add(1) : gate;
                assertClose(audio.mul(scale), out.audio(), 1e-14, 1e-12, g + " residual " + residual);
                double[] values = gate.data().toDoubleArray();
                switch (g) {
                    case SIGMOID -> { for (double x : values) assertTrue(x > 0 && x < 1, g + " " + x); }
                    case ONE_PLUS_TANH -> { for (double x : values) assertTrue(x > 0 && x < 2, g + " " + x); }
                    case CHANNEL_SOFTMAX -> assertClose(new double[2 * 4], gate.data().sum(false, 1).add(-CA).toDoubleArray(), 1e-12, 0, "channel softmax sums to C");
                }
            }
        }
    }

    @Test void gradientsWithRespectToInputsAndParameters() {
        for (int w : new int[] {2, 3}) {
            WindowedCrossAttention b = block(windows(w));
            Var video = randomF64(15, 2, CV, 4, 1, 2), audio = randomF64(16, 2, CA, w == 2 ? 4 : 5);
            TestSupport.assertGradients(b, List.of("video_to_audio.query.weight", "video_to_audio.out.bias", "audio_to_video.value.weight", "audio_to_video.key.bias"),
                    in -> TestSupport.joined(b.forward(in[0], in[1])), video, audio);
        }
    }

    @Test void tooManyWindowsAndBadShapesAreExplained() {
        WindowedCrossAttention b = block(windows(5));
        var e = assertThrows(IllegalArgumentException.class, () -> b.forward(randomF64(1, 1, CV, 4, 1, 1), randomF64(2, 1, CA, 9)));
        assertTrue(e.getMessage().contains("5 windows") && e.getMessage().contains("video time 4") && e.getMessage().contains("W <= 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.forward(randomF64(1, 1, CA, 4, 1, 1), randomF64(2, 1, CA, 9)));
        assertTrue(e.getMessage().contains("window fusion") && e.getMessage().contains("[1, 4, 4, 1, 1]"), e.getMessage());
        // the default window count adapts to short axes: min(4, Tv, L)
        WindowedCrossAttention auto = block(WindowOptions.defaults().withDim(D));
        Map<String, Var> taps = taps(auto);
        auto.forward(randomF64(3, 1, CV, 2, 1, 1), randomF64(4, 1, CA, 8));
        assertEquals(2, taps.get("attn_video_to_audio").size(1));
        assertEquals(4, WindowOptions.defaults().resolve(30, 212));
    }

    @Test void registeredAsWindowAtLateWithParsedOptions() {
        FusionFactory f = FusionRegistry.get("window");
        assertEquals(EnumSet.of(FusionPoint.LATE), f.defaultPoints());
        WindowedCrossAttention b = f.create(FusionPoint.LATE, 16, 8, new FusionOptions(Map.of("windows", "3", "dim", "8", "gate", "1+tanh", "residual", "true")));
        assertEquals(new WindowOptions(3, 8, GateActivation.ONE_PLUS_TANH, true, true), b.options());
        assertArrayEquals(new int[] {8, 16}, b.namedParameters().get("video_to_audio.query.weight").shape());
        assertArrayEquals(new int[] {8, 8}, b.namedParameters().get("video_to_audio.key.weight").shape());
        assertArrayEquals(new int[] {16, 8}, b.namedParameters().get("video_to_audio.out.weight").shape());
        var e = assertThrows(IllegalArgumentException.class, () -> f.create(FusionPoint.LATE, 16, 8, new FusionOptions(Map.of("gate", "relu"))));
        assertTrue(e.getMessage().contains("relu"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f.create(FusionPoint.LATE, 16, 8, new FusionOptions(Map.of("window", "3"))));
        assertTrue(e.getMessage().contains("unknown option"), e.getMessage());
    }
}
