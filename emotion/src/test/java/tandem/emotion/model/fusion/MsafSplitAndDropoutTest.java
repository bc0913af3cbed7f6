package tandem.emotion.model.fusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.emotion.model.fusion.TestSupport.set;
import static tandem.emotion.model.fusion.TestSupport.sigmoid;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tandem.autograd.Var;
import tandem.nn.Module;
import tandem.nn.Seeds;
import tandem.tensor.DType;
import tandem.tensor.Tensor;

/**
 * MSAF's {@code split_block} ({@code fusion.msaf.split=N}) and the reference's exact double block dropout
 * ({@code fusion.msaf.doubleDropout=true}), each against a case worked by hand.
 */
class MsafSplitAndDropoutTest {
    /** The batch norm's eval-mode factor with running mean 0, variance 1 and eps 1e-5. */
    private static final double BN = 1 / Math.sqrt(1 + 1e-5);

    private static Var of(double[] values, int... shape) { return Var.constant(Tensor.of(values, shape)); }

    /** One block of one channel per modality: joint Linear(1, 1) = identity, excite +1 for video and -1 for audio. */
    private static void identityJoint(Module block, String prefix, double... excite) {
        set(block, prefix + "joint.0.weight", 1);
        set(block, prefix + "joint.0.bias", 0);
        for (int i = 0; i < excite.length; i++) {
            set(block, prefix + "excite." + i + ".weight", excite[i]);
            set(block, prefix + "excite." + i + ".bias", 0);
        }
    }

    /**
     * Video [1, 2, 6] and audio [2, 4, 0] over three steps, bc = 1. With split = 2 the segments are steps [0] and [1, 2]
     * (floor(3 / 2) = 1, the last takes the remainder). Segment 0: g = 1 + 2 = 3, u = 3 BN, softmax of [u, -u] over the
     * two blocks gives video sigmoid(2u), audio sigmoid(-2u). Segment 1: g = mean(2, 6) + mean(4, 0) = 6. Without the
     * split, g = 3 + 2 = 5 for all three steps.
     */
    @Test
    void splitGivesEachTimeSegmentItsOwnBlock() {
        MsafOptions o = new MsafOptions(1, 1, 0, 0, false);
        Seeds.set(5);
        Module split = FusionRegistry.get("msaf").create(FusionPoint.MID, 1, 1,
                new FusionOptions(Map.of("split", "2", "blockChannels", "1", "reduction", "1", "dropout", "0")));
        split.to(DType.F64);
        split.eval();
        assertEquals(2, ((MsafSplit) split).split());
        identityJoint(split, "segment0.", 1, -1);
        identityJoint(split, "segment1.", 1, -1);
        Var video = of(new double[] {1, 2, 6}, 1, 1, 3, 1, 1), audio = of(new double[] {2, 4, 0}, 1, 1, 3);
        FusionBlock.Fused out = ((FusionBlock) split).forward(video, audio);
        double s0 = 2 * 3 * BN, s1 = 2 * 6 * BN;
        assertArrayEquals(new double[] {1 * sigmoid(s0), 2 * sigmoid(s1), 6 * sigmoid(s1)}, out.video().data().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {2 * sigmoid(-s0), 4 * sigmoid(-s1), 0}, out.audio().data().toDoubleArray(), 1e-12);

        MsafBlock whole = new MsafBlock(1, 1, o);
        whole.to(DType.F64);
        whole.eval();
        identityJoint(whole, "", 1, -1);
        double s = 2 * 5 * BN;
        assertArrayEquals(new double[] {sigmoid(s), 2 * sigmoid(s), 6 * sigmoid(s)}, whole.forward(video, audio).video().data().toDoubleArray(), 1e-12);
        assertTrue(((MsafSplit) split).settings().startsWith("split=2 blockChannels=1 reduction=1"), ((MsafSplit) split).settings());
    }

    @Test
    void splitNeedsAStepPerSegment() {
        Module split = FusionRegistry.get("msaf").create(FusionPoint.LATE, 4, 4, new FusionOptions(Map.of("split", "3")));
        var e = assertThrows(IllegalArgumentException.class,
                () -> ((FusionBlock) split).forward(TestSupport.randomF32(1, 2, 4, 2, 1, 1), TestSupport.randomF32(2, 2, 4, 9)));
        assertEquals("msaf: split=3 needs at least 3 time steps in both modalities, got video T=2 and audio L=9", e.getMessage());
        var zero = assertThrows(IllegalArgumentException.class,
                () -> FusionRegistry.get("msaf").create(FusionPoint.LATE, 4, 4, new FusionOptions(Map.of("split", "0"))));
        assertEquals("msaf: split must be >= 1, got 0", zero.getMessage());
    }

    /**
     * Two video blocks x = [1, 2] and one audio block [4] (bc = 1, one step), block dropout p = 0.5 in training, keep
     * masks m in {0, 2} read from the block's taps. Joint = identity through the batch norm (kept in eval mode, so one
     * sample suffices), excite weights [1, 0.5, -1], u = relu(g BN), softmax over the three blocks of [u, 0.5 u, -u].
     * Squeeze as the reference: g = 1 m_v0 + 2 m_v1 + 4 m_a (x * m). Output: x m a once, x m m a with doubleDropout.
     */
    @Test
    void doubleDropoutIsExactlyTheReferences() {
        int keptEverywhere = 0;
        for (long seed = 1; seed <= 12; seed++) {
            for (boolean twice : new boolean[] {false, true}) {
                MsafBlock b = new MsafBlock(2, 1, new MsafOptions(1, 1, 0.5, 0, twice));
                b.to(DType.F64);
                b.train(true);
                b.children().get("joint").children().get("1").eval();
                identityJoint(b, "", 1, 0.5, -1);
                Map<String, Var> taps = new HashMap<>();
                b.observe(taps::put);
                Seeds.set(seed);
                FusionBlock.Fused out = b.forward(of(new double[] {1, 2}, 1, 2, 1, 1, 1), of(new double[] {4}, 1, 1, 1));
                double[] mv = taps.get("keep_video").data().toDoubleArray(), ma = taps.get("keep_audio").data().toDoubleArray();
                double g = 1 * mv[0] + 2 * mv[1] + 4 * ma[0], u = Math.max(0, g * BN);
                double e0 = Math.exp(u), e1 = Math.exp(0.5 * u), e2 = Math.exp(-u), z = e0 + e1 + e2;
                double kv0 = twice ? mv[0] * mv[0] : mv[0], kv1 = twice ? mv[1] * mv[1] : mv[1], ka = twice ? ma[0] * ma[0] : ma[0];
                assertArrayEquals(new double[] {1 * kv0 * e0 / z, 2 * kv1 * e1 / z}, out.video().data().toDoubleArray(), 1e-12, "seed " + seed);
                assertArrayEquals(new double[] {4 * ka * e2 / z}, out.audio().data().toDoubleArray(), 1e-12, "seed " + seed);
                if (mv[0] == 2 && mv[1] == 2 && ma[0] == 2) keptEverywhere++;
            }
        }
        assertTrue(keptEverywhere > 0, "some seed keeps every block, where once and twice differ by a factor 2 in the output");
    }

    @Test
    void doubleDropoutOptionAndItsOlderName() {
        FusionFactory f = FusionRegistry.get("msaf");
        MsafBlock b = f.create(FusionPoint.LATE, 8, 8, new FusionOptions(Map.of("doubleDropout", "true")));
        assertTrue(b.options().doubleDropout());
        MsafBlock old = f.create(FusionPoint.LATE, 8, 8, new FusionOptions(Map.of("faithfulDoubleDropout", "true")));
        assertEquals(b.options(), old.options());
        var both = assertThrows(IllegalArgumentException.class,
                () -> f.create(FusionPoint.LATE, 8, 8, new FusionOptions(Map.of("doubleDropout", "true", "faithfulDoubleDropout", "true"))));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
    }
}
