package tandem.emotion.model.backbone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tandem.autograd.Var;
import tandem.emotion.model.LayerTable;
import tandem.nn.Seeds;
import tandem.tensor.Tensor;

class AudioCnnTest {
    @Test
    void msafShapesFor13By212() {
        // msaf.md: (32, 208) after conv2 + ReLU, (64, 26) after conv3 + ReLU + BN, so the classifier reads 1664 values
        AudioCnn net = new AudioCnn(13, 212);
        LayerTable table = new LayerTable();
        int[] out = net.describe("audio", new int[] {1, 13, 212}, table);
        assertArrayEquals(new int[] {1, 32, 210}, table.row("audio.conv1").shape());
        assertArrayEquals(new int[] {1, 32, 208}, table.row("audio.conv2").shape());
        assertArrayEquals(new int[] {1, 32, 26}, table.row("audio.pool").shape());
        assertArrayEquals(new int[] {1, 64, 26}, out);
        assertEquals(208, net.midFrames());
        assertEquals(26, net.lateFrames());
        // conv 13*32*7+32, 32*32*7+32, 32*64*5+64; three batch norms 2*(32+32+64)
        assertEquals(2944 + 7200 + 10304 + 256, net.parameterCount());
        assertEquals(List.of("conv1.weight", "conv1.bias", "bn1.weight", "bn1.bias", "conv2.weight", "conv2.bias",
                "bn2.weight", "bn2.bias", "conv3.weight", "conv3.bias", "bn3.weight", "bn3.bias"), List.copyOf(net.namedParameters().keySet()));
    }

    @Test
    void forwardAgreesWithStaticShapesForOtherLengthsAndTapsBothPoints() {
        Seeds.set(4);
        for (int frames : new int[] {212, 100, 12}) {
            AudioCnn net = new AudioCnn(13, frames);
            Map<String, int[]> tapped = new HashMap<>();
            net.observe((tag, v) -> tapped.put(tag, v.shape()));
            Var y = net.forward(Var.constant(Tensor.randn(frames, 3, 13, frames)));
            assertArrayEquals(new int[] {3, 64, (frames - 4) / 8}, y.shape(), "frames " + frames);
            assertArrayEquals(new int[] {3, 32, frames - 4}, tapped.get("mid"), "frames " + frames);
            assertArrayEquals(y.shape(), tapped.get("late"));
            assertArrayEquals(net.describe("a", new int[] {3, 13, frames}, new LayerTable()), y.shape());
        }
    }

    @Test
    void reluComesBeforeBatchNormSoTheMidPointIsNonNegative() {
        Seeds.set(5);
        AudioCnn net = new AudioCnn(13, 40);
        Var mid = net.forwardToMid(Var.constant(Tensor.randn(9, 4, 13, 40)));
        for (float f : mid.data().toFloatArray()) assertTrue(f >= 0, "MID features are a ReLU output");
        // after bn3 the LATE features are normalised per channel over batch and time: mean 0 in training
        Var late = net.forwardMidToLate(mid);
        double[] perChannel = late.data().mean(false, 0, 2).toDoubleArray();
        for (double m : perChannel) assertEquals(0, m, 1e-4);
    }

    @Test
    void tooShortOrWrongInputIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> new AudioCnn(13, 11));
        assertTrue(e.getMessage().contains("11 MFCC frames") && e.getMessage().contains("at least 12"), e.getMessage());
        AudioCnn net = new AudioCnn(13, 50);
        var f = assertThrows(IllegalArgumentException.class, () -> net.forward(Var.constant(Tensor.zeros(2, 20, 50))));
        assertTrue(f.getMessage().contains("Conv1d") && f.getMessage().contains("[2, 20, 50]"), f.getMessage());
    }
}
