package tandem.emotion.model.fusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.emotion.model.fusion.TestSupport.set;
import static tandem.emotion.model.fusion.TestSupport.sigmoid;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tandem.autograd.Var;
import tandem.nn.Seeds;
import tandem.tensor.DType;
import tandem.tensor.Tensor;

/** fusion=window-token: each window one token, attention across the M windows (eqs. 2-3 indexed by window). */
class WindowTokenAttentionTest {
    private static WindowTokenAttention block(int cv, int ca, WindowOptions o) {
        Seeds.set(17);
        WindowTokenAttention b = new WindowTokenAttention(cv, ca, o);
        b.to(DType.F64);
        return b;
    }

    private static Var of(double[] values, int... shape) { return Var.constant(Tensor.of(values, shape)); }

    /**
     * Cv = Ca = D = 1, M = 2, every projection the identity (weight 1, bias 0). Video steps [1, 3] (one per window):
     * tokens v = [1, 3]. Audio steps [0, 2, 4, 4]: tokens a = [1, 4] (window means).
     * Video queries audio: scores q_l k_m = [[1, 4], [3, 12]], softmax over m, output sum_m p_lm a_m, gate sigmoid;
     * audio queries video: scores [[1, 3], [4, 12]] over video tokens [1, 3]. Each step is scaled by its window's gate.
     */
    @Test
    void handWorkedTwoWindows() {
        WindowTokenAttention b = block(1, 1, WindowOptions.defaults().withDim(1).withWindows(2));
        for (String direction : new String[] {"video_to_audio", "audio_to_video"}) {
            for (String layer : new String[] {"query", "key", "value", "out"}) {
                set(b, direction + "." + layer + ".weight", 1);
                set(b, direction + "." + layer + ".bias", 0);
            }
        }
        Map<String, Var> taps = new HashMap<>();
        b.observe(taps::put);
        FusionBlock.Fused out = b.forward(of(new double[] {1, 3}, 1, 1, 2, 1, 1), of(new double[] {0, 2, 4, 4}, 1, 1, 4));

        double gv0 = sigmoid(attend(new double[] {1, 4}, new double[] {1, 4})), gv1 = sigmoid(attend(new double[] {3, 12}, new double[] {1, 4}));
        double ga0 = sigmoid(attend(new double[] {1, 3}, new double[] {1, 3})), ga1 = sigmoid(attend(new double[] {4, 12}, new double[] {1, 3}));
        assertArrayEquals(new double[] {1 * gv0, 3 * gv1}, out.video().data().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {0 * ga0, 2 * ga0, 4 * ga1, 4 * ga1}, out.audio().data().toDoubleArray(), 1e-12);
        assertArrayEquals(new int[] {1, 2, 2}, taps.get("attn_video_to_audio").shape(), "an M x M map across windows");
        double p01 = Math.exp(4) / (Math.exp(1) + Math.exp(4));
        assertEquals(p01, taps.get("attn_video_to_audio").data().toDoubleArray()[1], 1e-12, "window 0 of video attends to audio window 1");
        assertArrayEquals(new double[] {gv0, gv1}, taps.get("gate_video").data().toDoubleArray(), 1e-12);
    }

    /** The attention output for one query row: softmax(scores) weighted sum of the values. */
    private static double attend(double[] scores, double[] values) {
        double z = 0, out = 0;
        for (double s : scores) z += Math.exp(s);
        for (int m = 0; m < scores.length; m++) out += Math.exp(scores[m]) / z * values[m];
        return out;
    }

    @Test
    void unequalWindowsResidualAndGradients() {
        WindowTokenAttention b = block(3, 2, WindowOptions.defaults().withDim(4).withWindows(2).withResidual(true));
        Var video = TestSupport.randomF64(1, 2, 3, 3, 2, 2), audio = TestSupport.randomF64(2, 2, 2, 5);   // Tv = 3, L = 5: windows 1+2, 2+3
        Map<String, Var> taps = new HashMap<>();
        b.observe(taps::put);
        FusionBlock.Fused out = b.forward(video, audio);
        assertArrayEquals(video.shape(), out.video().shape());
        assertArrayEquals(audio.shape(), out.audio().shape());
        assertArrayEquals(new int[] {2, 2, 2}, taps.get("attn_audio_to_video").shape());
        assertArrayEquals(new int[] {2, 3, 2}, taps.get("gate_video").shape(), "one gate per channel and window");
        // residual: the last two video steps (window 1) are scaled by 1 + that window's gate
        double[] v = video.data().toDoubleArray(), o = out.video().data().toDoubleArray(), g = taps.get("gate_video").data().toDoubleArray();
        int step2 = 2 * 4;   // sample 0, channel 0, t = 2, first pixel
        assertEquals(v[step2] * (1 + g[1]), o[step2], 1e-12);
        b.clearObservers();
        TestSupport.assertGradients(b, List.of("video_to_audio.query.weight", "audio_to_video.out.bias"),
                in -> TestSupport.joined(b.forward(in[0], in[1])), video, audio);
    }

    @Test
    void optionsAndErrors() {
        FusionFactory f = FusionRegistry.get("window-token");
        WindowTokenAttention b = f.create(FusionPoint.LATE, 8, 4, new FusionOptions(Map.of("windows", "2", "dim", "16", "gate", "1+tanh")));
        assertEquals("windows=2 dim=16 gate=1+tanh residual=false token=window-mean", b.settings());
        var fused = assertThrows(IllegalArgumentException.class, () -> f.create(FusionPoint.LATE, 8, 4, new FusionOptions(Map.of("fused", "true"))));
        assertTrue(fused.getMessage().startsWith("fusion 'window-token': unknown option(s) [fused]"), fused.getMessage());
        WindowTokenAttention three = block(2, 2, WindowOptions.defaults().withDim(2).withWindows(3));
        var tooMany = assertThrows(IllegalArgumentException.class, () -> three.forward(TestSupport.randomF64(3, 1, 2, 2, 1, 1), TestSupport.randomF64(4, 1, 2, 6)));
        assertTrue(tooMany.getMessage().contains("3 windows do not fit video time 2"), tooMany.getMessage());
    }
}
