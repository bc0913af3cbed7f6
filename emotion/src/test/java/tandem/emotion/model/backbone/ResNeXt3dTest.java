package tandem.emotion.model.backbone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tandem.autograd.Var;
import tandem.emotion.model.LayerTable;
import tandem.nn.Seeds;
import tandem.tensor.Tensor;

class ResNeXt3dTest {
    private static final int B = 2;

    private static int[] batch(int b, int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = b;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    @Test
    void ravdessStageShapesMatchMsafReference() {
        // layer1 256x15x56x56, layer2 512x8x28x28, layer3 1024x4x14x14, layer4 2048x2x7x7 for 3x30x224x224
        ResNeXt3d net = new ResNeXt3d(VideoPreset.RAVDESS, false);
        LayerTable table = new LayerTable();
        int[] out = net.describe("video", batch(1, VideoPreset.RAVDESS.inputShape()), table);
        assertArrayEquals(new int[] {1, 64, 15, 56, 56}, table.row("video.maxpool").shape());
        assertArrayEquals(new int[] {1, 256, 15, 56, 56}, table.row("video.layer1").shape());
        assertArrayEquals(new int[] {1, 512, 8, 28, 28}, table.row("video.layer2").shape());
        assertArrayEquals(new int[] {1, 1024, 4, 14, 14}, table.row("video.layer3").shape());
        assertArrayEquals(new int[] {1, 2048, 2, 7, 7}, out);
    }

    @Test
    void ravdessHasHarasResNeXt50Layout() {
        ResNeXt3d net = new ResNeXt3d(VideoPreset.RAVDESS, true);
        Map<String, Var> p = net.namedParameters();
        assertArrayEquals(new int[] {64, 3, 7, 7, 7}, p.get("conv1.weight").shape());
        // first block of each stage: grouped middle conv (cardinality 32) and a type-B shortcut
        assertArrayEquals(new int[] {128, 4, 3, 3, 3}, p.get("layer1.0.conv2.weight").shape());
        assertArrayEquals(new int[] {256, 64, 1, 1, 1}, p.get("layer1.0.downsample.0.weight").shape());
        assertArrayEquals(new int[] {1024, 32, 3, 3, 3}, p.get("layer4.0.conv2.weight").shape());
        assertArrayEquals(new int[] {2048, 1024, 1, 1, 1}, p.get("layer4.0.downsample.0.weight").shape());
        assertTrue(p.containsKey("layer3.5.bn3.bias"), "layer3 has 6 blocks");
        assertTrue(!p.containsKey("layer3.6.bn3.bias") && !p.containsKey("layer1.1.downsample.0.weight"),
                "no seventh block in layer3, identity shortcut inside a stage");
        assertTrue(!p.containsKey("conv1.bias"), "convs before batch norm carry no bias");
        // Summed by hand per block: in*w + w*(w/32)*27 + w*2w convs, BN 2w + 2w + 4w, shortcut in*2w + 4w; stem 64*3*343 + 128
        assertEquals(25_865_664L, net.parameterCount());
    }

    @Test
    void tinyForwardMatchesStaticShapesAndTapsEveryStage() {
        Seeds.set(1);
        ResNeXt3d net = new ResNeXt3d(VideoPreset.TINY, true);
        int[] in = batch(B, VideoPreset.TINY.inputShape());
        LayerTable table = new LayerTable();
        net.describe("video", in, table);
        Map<String, int[]> tapped = new HashMap<>();
        net.observe((tag, v) -> tapped.put(tag, v.shape()));
        Var y = net.forward(Var.constant(Tensor.randn(3, in)));
        for (String stage : new String[] {"layer1", "layer2", "layer3", "layer4"}) {
            assertNotNull(tapped.get(stage), "tap " + stage);
            assertArrayEquals(table.row("video." + stage).shape(), tapped.get(stage), stage);
        }
        assertArrayEquals(table.row("video.maxpool").shape(), tapped.get("stem"));
        // tiny keeps the time axis through the stages (time stride 1): 16 frames -> 8 after the stem's max-pool
        assertArrayEquals(new int[] {B, VideoPreset.TINY.stageChannels(4), 8, 1, 1}, y.shape());
    }

    @Test
    void stagesOneAtATimeEqualTheWholeForward() {
        Seeds.set(2);
        ResNeXt3d net = new ResNeXt3d(VideoPreset.TINY, false);
        net.eval();
        Var x = Var.constant(Tensor.randn(5, batch(1, VideoPreset.TINY.inputShape())));
        Var whole = net.forward(x);
        Var staged = net.forwardStem(x);
        for (int s = 1; s <= 4; s++) staged = net.forwardStage(s, staged);
        assertArrayEquals(whole.data().toFloatArray(), staged.data().toFloatArray(), 0f);
    }

    @Test
    void badInputAndStageAreNamed() {
        ResNeXt3d net = new ResNeXt3d(VideoPreset.TINY, true);
        var e = assertThrows(IllegalArgumentException.class, () -> net.forward(Var.constant(Tensor.zeros(1, 1, 8, 32, 32))));
        assertTrue(e.getMessage().contains("Conv3d") && e.getMessage().contains("[1, 1, 8, 32, 32]"), e.getMessage());
        var s = assertThrows(IllegalArgumentException.class, () -> net.forwardStage(5, Var.constant(Tensor.zeros(1))));
        assertTrue(s.getMessage().contains("stage") && s.getMessage().contains("5"), s.getMessage());
        var p = assertThrows(IllegalArgumentException.class, () -> new VideoPreset("odd", 8, 10, 4, new int[] {1, 1, 1, 1}, 8, 32, 2));
        assertTrue(p.getMessage().contains("width 10") && p.getMessage().contains("cardinality 4"), p.getMessage());
    }
}
