package tandem.emotion.model.fusion;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tandem.autograd.Var;
import tandem.nn.Seeds;
import tandem.tensor.DType;
import tandem.tensor.RandomKind;
import tandem.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.emotion.model.fusion.TestSupport.assertClose;
import static tandem.emotion.model.fusion.TestSupport.randomF64;

class MsafBlockTest {
    private static MsafBlock block(int cv, int ca, MsafOptions o) {
        Seeds.set(7);
        MsafBlock b = new MsafBlock(cv, ca, o);
        b.to(DType.F64);
        return b;
    }

    private static Map<String, Var> taps(MsafBlock b) {
        Map<String, Var> taps = new HashMap<>();
        b.observe(taps::put);
        return taps;
    }

    @Test void keepsShapesAndNamesParametersLikePyTorch() {
        MsafBlock b = block(12, 8, new MsafOptions(4, 2, 0, 0, false));
        b.eval();
        FusionBlock.Fused out = b.forward(randomF64(1, 2, 12, 3, 2, 2), randomF64(2, 2, 8, 5));
        assertArrayEquals(new int[] {2, 12, 3, 2, 2}, out.video().shape());
        assertArrayEquals(new int[] {2, 8, 5}, out.audio().shape());
        assertEquals(3, b.videoBlocks());
        assertEquals(2, b.audioBlocks());
        var names = b.namedParameters().keySet();
        assertTrue(names.containsAll(List.of("joint.0.weight", "joint.0.bias", "joint.1.weight", "joint.1.bias", "excite.0.weight", "excite.4.bias")), names.toString());
        assertEquals(4 + 5 * 2, names.size());   // joint Linear + BN (2 each), 5 excitations (2 each)
        assertArrayEquals(new int[] {4, 2}, b.namedParameters().get("excite.0.weight").shape());
        assertTrue(b.stateDict().containsKey("joint.1.running_var"));
    }

    /** The whole block recomputed with loops from its parameters, in eval mode; covers the zero-padded last blocks. */
    @Test void matchesALoopReferenceIncludingPaddedBlocks() {
        int batch = 2, cv = 10, ca = 6, t = 3, bc = 4;   // video 3 blocks (2 padded channels), audio 2 blocks (2 padded)
        MsafBlock b = block(cv, ca, new MsafOptions(bc, 2, 0.2, 0.1, false));
        // non-trivial batch-norm state so the reference checks that the eval path uses it
        Tensor bnMean = Tensor.random(RandomKind.NORMAL, 3, 0, 0.3, DType.F64, tandem.tensor.Device.CPU, 2);
        Tensor bnVar = Tensor.random(RandomKind.UNIFORM, 4, 0.5, 2, DType.F64, tandem.tensor.Device.CPU, 2);
        Map<String, Tensor> state = new HashMap<>(b.stateDict());
        state.put("joint.1.running_mean", bnMean);
        state.put("joint.1.running_var", bnVar);
        state.put("joint.1.weight", Tensor.of(new double[] {1.5, 0.7}, 2));
        state.put("joint.1.bias", Tensor.of(new double[] {0.2, -0.1}, 2));
        b.loadStateDict(state, true);
        b.eval();
        Var video = randomF64(11, batch, cv, t, 1, 2);
        Var audio = randomF64(12, batch, ca, 5);
        FusionBlock.Fused out = b.forward(video, audio);

        double[][] expected = reference(b, video.data().toDoubleArray(), audio.data().toDoubleArray(), batch, cv, ca, t * 2, 5, bc, 0.1);
        assertClose(expected[0], out.video().data().toDoubleArray(), 1e-12, 1e-10, "msaf video");
        assertClose(expected[1], out.audio().data().toDoubleArray(), 1e-12, 1e-10, "msaf audio");
    }

    private static double[][] reference(MsafBlock b, double[] v, double[] a, int batch, int cv, int ca, int sv, int sa, int bc, double floor) {
        Map<String, Tensor> p = b.stateDict();
        double[] w1 = p.get("joint.0.weight").toDoubleArray(), b1 = p.get("joint.0.bias").toDoubleArray();
        double[] gamma = p.get("joint.1.weight").toDoubleArray(), beta = p.get("joint.1.bias").toDoubleArray();
        double[] rm = p.get("joint.1.running_mean").toDoubleArray(), rv = p.get("joint.1.running_var").toDoubleArray();
        int hidden = b1.length, nv = (cv + bc - 1) / bc, na = (ca + bc - 1) / bc, blocks = nv + na;
        double[][] outs = {new double[v.length], new double[a.length]};
        for (int n = 0; n < batch; n++) {
            double[] g = new double[bc];
            for (int c = 0; c < cv; c++) for (int s = 0; s < sv; s++) g[c % bc] += v[(n * cv + c) * sv + s] / sv;
            for (int c = 0; c < ca; c++) for (int s = 0; s < sa; s++) g[c % bc] += a[(n * ca + c) * sa + s] / sa;
            double[] u = new double[hidden];
            for (int h = 0; h < hidden; h++) {
                double x = b1[h];
                for (int c = 0; c < bc; c++) x += w1[h * bc + c] * g[c];
                x = (x - rm[h]) / Math.sqrt(rv[h] + 1e-5) * gamma[h] + beta[h];
                u[h] = Math.max(0, x);
            }
            double[][] score = new double[blocks][bc];
            for (int j = 0; j < blocks; j++) {
                double[] wj = p.get("excite." + j + ".weight").toDoubleArray(), bj = p.get("excite." + j + ".bias").toDoubleArray();
                for (int c = 0; c < bc; c++) {
                    score[j][c] = bj[c];
                    for (int h = 0; h < hidden; h++) score[j][c] += wj[c * hidden + h] * u[h];
                }
            }
            for (int c = 0; c < bc; c++) {
                double sum = 0;
                boolean[] real = new boolean[blocks];
                for (int j = 0; j < blocks; j++) {
                    real[j] = j < nv ? j * bc + c < cv : (j - nv) * bc + c < ca;
                    if (real[j]) sum += Math.exp(score[j][c]);
                }
                for (int j = 0; j < blocks; j++) {
                    if (!real[j]) continue;
                    double att = floor + Math.exp(score[j][c]) / sum * (1 - floor);
                    boolean isVideo = j < nv;
                    int ch = (isVideo ? j : j - nv) * bc + c, len = isVideo ? sv : sa, channels = isVideo ? cv : ca;
                    double[] in = isVideo ? v : a, out = outs[isVideo ? 0 : 1];
                    for (int s = 0; s < len; s++) out[(n * channels + ch) * len + s] = in[(n * channels + ch) * len + s] * att;
                }
            }
        }
        return outs;
    }

    @Test void attentionSumsToOneAcrossBlocksForEveryChannel() {
        MsafBlock b = block(10, 6, new MsafOptions(4, 2, 0.2, 0, false));
        b.eval();
        Map<String, Var> taps = taps(b);
        b.forward(randomF64(3, 3, 10, 2, 2, 2), randomF64(4, 3, 6, 4));
        Var att = taps.get("attention");
        assertArrayEquals(new int[] {3, 5, 4}, att.shape());
        assertClose(new double[3 * 4], att.data().sum(false, 1).add(-1).toDoubleArray(), 1e-12, 0, "sum over blocks - 1");
        // padded channels (video block 2 channels 2..3, audio block 4 channels 2..3) get no attention
        for (int n = 0; n < 3; n++) {
            for (int c = 2; c < 4; c++) {
                assertEquals(0, att.data().get(n, 2, c), 1e-300);
                assertEquals(0, att.data().get(n, 4, c), 1e-300);
            }
        }
    }

    @Test void blockDropoutZeroesWholeBlocksAndScalesTheRest() {
        for (boolean twice : new boolean[] {false, true}) {
            double p = 0.5;
            MsafBlock b = block(16, 8, new MsafOptions(4, 2, p, 0, twice));
            b.train(true);
            Map<String, Var> taps = taps(b);
            int batch = 64;
            Var video = randomF64(5, batch, 16, 1, 1, 1), audio = randomF64(6, batch, 8, 1);
            FusionBlock.Fused out = b.forward(video, audio);
            Tensor att = taps.get("attention").data();
            double scale = twice ? 1 / ((1 - p) * (1 - p)) : 1 / (1 - p);
            int dropped = 0;
            for (int n = 0; n < batch; n++) {
                for (int blk = 0; blk < 4; blk++) {
                    boolean kept = out.video().data().get(n, blk * 4, 0, 0, 0) != 0;
                    if (!kept) dropped++;
                    for (int c = 0; c < 4; c++) {
                        double x = video.data().get(n, blk * 4 + c, 0, 0, 0), y = out.video().data().get(n, blk * 4 + c, 0, 0, 0);
                        double expected = kept ? x * scale * att.get(n, blk, c) : 0;
                        assertEquals(expected, y, 1e-12 + 1e-10 * Math.abs(expected), "sample " + n + " block " + blk + " channel " + c);
                    }
                }
            }
            double rate = dropped / (batch * 4.0);
            assertTrue(Math.abs(rate - p) < 0.12, "dropped fraction " + rate + " should be near " + p);
        }
    }

    @Test void evalModeIsDeterministic() {
        MsafBlock b = block(8, 8, MsafOptions.reference(4));
        b.eval();
        Var v = randomF64(7, 2, 8, 2, 2, 2), a = randomF64(8, 2, 8, 3);
        assertClose(b.forward(v, a).video(), b.forward(v, a).video(), 0, 0, "two eval passes");
    }

    @Test void gradientsWithRespectToInputsAndParameters() {
        MsafBlock b = block(6, 5, new MsafOptions(4, 2, 0, 0.1, false));
        b.train(true);   // batch statistics in the joint batch norm; dropout 0 keeps it deterministic
        Var video = randomF64(9, 3, 6, 2, 2, 1), audio = randomF64(10, 3, 5, 3);
        TestSupport.assertGradients(b, List.of("joint.0.weight", "joint.1.weight", "excite.0.weight", "excite.3.bias"),
                in -> TestSupport.joined(b.forward(in[0], in[1])), video, audio);
    }

    @Test void badShapesAreNamed() {
        MsafBlock b = block(8, 4, MsafOptions.reference(4));
        var e = assertThrows(IllegalArgumentException.class, () -> b.forward(randomF64(1, 2, 6, 1, 1, 1), randomF64(2, 2, 4, 3)));
        assertTrue(e.getMessage().contains("msaf") && e.getMessage().contains("[2, 6, 1, 1, 1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.forward(randomF64(1, 2, 8, 1, 1, 1), randomF64(2, 3, 4, 3)));
        assertTrue(e.getMessage().contains("batch"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.forward(randomF64(1, 2, 8, 1, 1), randomF64(2, 2, 4, 3)));
        assertTrue(e.getMessage().contains("(B, 8, T, H, W)"), e.getMessage());
    }

    @Test void defaultBlockChannelsFollowTheReferenceAndDivideSmallPresets() {
        assertEquals(16, MsafOptions.defaultBlockChannels(FusionPoint.MID, 1024, 32, 4));
        assertEquals(32, MsafOptions.defaultBlockChannels(FusionPoint.LATE, 2048, 64, 4));
        assertEquals(8, MsafOptions.defaultBlockChannels(FusionPoint.LATE, 64, 8, 4));
        assertEquals(12, MsafOptions.defaultBlockChannels(FusionPoint.MID, 48, 12, 4));
        assertEquals(5, MsafOptions.defaultBlockChannels(FusionPoint.MID, 7, 5, 4));   // no common divisor >= rf: pad instead
    }

    @Test void registeredAsMsafWithOptionsPerPoint() {
        FusionFactory f = FusionRegistry.get("msaf");
        assertEquals(EnumSet.of(FusionPoint.MID, FusionPoint.LATE), f.defaultPoints());
        MsafBlock mid = f.create(FusionPoint.MID, 1024, 32, FusionOptions.none());
        assertEquals(MsafOptions.reference(16), mid.options());
        MsafBlock late = f.create(FusionPoint.LATE, 64, 16, new FusionOptions(Map.of("blockChannels.late", "8", "dropout", "0.3", "faithfulDoubleDropout", "true")));
        assertEquals(new MsafOptions(8, 4, 0.3, 0, true), late.options());
        var e = assertThrows(IllegalArgumentException.class, () -> f.create(FusionPoint.MID, 8, 8, new FusionOptions(Map.of("blockChanels", "4"))));
        assertTrue(e.getMessage().contains("blockChanels"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.create(FusionPoint.MID, 8, 8, new FusionOptions(Map.of("dropout", "1.5"))));
    }
}
