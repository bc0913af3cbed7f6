package tandem.emotion.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.autograd.Var;
import tandem.emotion.model.fusion.FusionPoint;
import tandem.nn.Seeds;

class EmotionModelTest {
    private static final int B = 2;
    private static final ModelPreset TINY = ModelPreset.TINY;

    @BeforeAll
    static void variants() { TestVariants.register(); }

    private static EmotionModel model(String spec) {
        Seeds.set(11);
        return new EmotionModel(ModelSpec.parse(spec));
    }

    /** Every fusion (none, the test gate, and whatever variants ship) with every head. */
    private static List<String> bimodalSpecs() {
        List<String> specs = new ArrayList<>();
        List<String> fusions = new ArrayList<>(List.of("none"));
        fusions.addAll(TestVariants.fusions());
        for (String fusion : fusions) for (String head : HeadRegistry.names()) specs.add("fusion=" + fusion + ",head=" + head);
        return specs;
    }

    @Test
    void everyVariantGivesLogitsPerClipAndClass() {
        List<String> specs = bimodalSpecs();
        specs.add("modality=video");
        specs.add("modality=audio");
        specs.add("modality=video,head=" + TestVariants.HEAD);
        specs.add("modality=audio,head=" + TestVariants.HEAD);
        for (String spec : specs) {
            EmotionModel m = model(spec + ",classes=3");
            Var logits = m.forward(TestVariants.randn(1, B, TINY.videoShape()), TestVariants.randn(2, B, TINY.audioShape()));
            assertArrayEquals(new int[] {B, 3}, logits.shape(), spec);
            for (float f : logits.data().toFloatArray()) assertTrue(Float.isFinite(f), spec + " gives finite logits");
        }
    }

    @Test
    void logitsAreTheSumOfBothBranchesAndEveryStageIsTapped() {
        EmotionModel m = model("fusion=" + TestVariants.FUSION);
        Map<String, Var> taps = new HashMap<>();
        m.observe(taps::put);
        Var logits = m.forward(TestVariants.randn(3, B, TINY.videoShape()), TestVariants.randn(4, B, TINY.audioShape()));
        for (String tag : new String[] {"video.stem", "video.layer3", "video.layer4", "audio.mid", "audio.late",
                "features.video", "features.audio", "fusion_mid.gate.video", "fusion_late.gate.video"}) {
            assertNotNull(taps.get(tag), "tap " + tag + " among " + taps.keySet());
        }
        float[] v = taps.get("logits.video").data().toFloatArray(), a = taps.get("logits.audio").data().toFloatArray();
        float[] sum = logits.data().toFloatArray();
        for (int i = 0; i < sum.length; i++) assertEquals(v[i] + a[i], sum[i], 1e-6 + 1e-6 * Math.abs(sum[i]));
        // the heads read the fused maps, not the raw stage outputs
        assertTrue(taps.get("features.video") == taps.get("fusion_late.gate.video"));
    }

    @Test
    void fusionBlocksSitAtTheirPointsWithTheChannelsThere() {
        EmotionModel both = model("fusion=" + TestVariants.FUSION);
        var mid = (TestVariants.CrossGate) both.fusionBlocks().get(FusionPoint.MID);
        var late = (TestVariants.CrossGate) both.fusionBlocks().get(FusionPoint.LATE);
        assertEquals(TINY.video().stageChannels(3), mid.videoChannels);
        assertEquals(32, mid.audioChannels);
        assertEquals(TINY.video().stageChannels(4), late.videoChannels);
        assertEquals(64, late.audioChannels);
        assertTrue(both.namedParameters().containsKey("fusion_mid.from_audio.weight"));

        EmotionModel lateOnly = model("fusion=" + TestVariants.FUSION + ",points=late");
        assertEquals(List.of(FusionPoint.LATE), List.copyOf(lateOnly.fusionBlocks().keySet()));
        assertFalse(lateOnly.namedParameters().containsKey("fusion_mid.from_audio.weight"));
        assertTrue(model("").fusionBlocks().isEmpty());
    }

    @Test
    void unimodalModelsHaveOneBranchAndIgnoreTheOtherInput() {
        EmotionModel video = model("modality=video,classes=5");
        EmotionModel audio = model("modality=audio,classes=5");
        assertTrue(video.namedParameters().keySet().stream().noneMatch(k -> k.startsWith("audio")));
        assertTrue(audio.namedParameters().keySet().stream().noneMatch(k -> k.startsWith("video")));
        assertArrayEquals(new int[] {5, TINY.video().stageChannels(4)}, video.namedParameters().get("video_head.fc.weight").shape());
        assertArrayEquals(new int[] {5, 64 * ((TINY.audioFrames() - 4) / 8)}, audio.namedParameters().get("audio_head.fc.weight").shape());
        assertArrayEquals(new int[] {B, 5}, video.forward(TestVariants.randn(5, B, TINY.videoShape()), null).shape());
        assertArrayEquals(new int[] {B, 5}, audio.forward(null, TestVariants.randn(6, B, TINY.audioShape())).shape());
    }

    @Test
    void staticSummaryShapesAgreeWithARealForward() {
        EmotionModel m = model("fusion=" + TestVariants.FUSION + ",head=" + TestVariants.HEAD);
        m.eval(); // a batch of one leaves a single value per channel at the 1x1x1 last stage: no batch statistics
        Map<String, int[]> taps = new HashMap<>();
        m.observe((tag, v) -> taps.put(tag, v.shape()));
        m.forward(TestVariants.zeros(1, TINY.videoShape()), TestVariants.zeros(1, TINY.audioShape()));
        LayerTable table = m.summary();
        for (String stage : new String[] {"layer1", "layer2", "layer3", "layer4"}) {
            assertArrayEquals(taps.get("video." + stage), table.row("video." + stage).shape(), stage);
        }
        assertArrayEquals(taps.get("audio.late"), table.row("audio.bn3").shape());
        assertArrayEquals(taps.get("audio.mid"), table.row("fusion_mid (audio)").shape());
        assertArrayEquals(taps.get("video.layer3"), table.row("fusion_mid (video)").shape());
        assertArrayEquals(new int[] {1, 4}, table.row("logits").shape());
        assertEquals(((tandem.nn.Module) m.fusionBlocks().get(FusionPoint.LATE)).parameterCount(), table.row("fusion_late (video)").parameters());
    }

    @Test
    void wrongInputsAreNamedWithExpectedAndActualShapes() {
        EmotionModel m = model("");
        var v = assertThrows(IllegalArgumentException.class,
                () -> m.forward(TestVariants.zeros(B, new int[] {3, 8, 32, 32}), TestVariants.zeros(B, TINY.audioShape())));
        assertTrue(v.getMessage().contains("video input must be (B, 3, T, H, W) = [B, 3, 16, 32, 32], got [2, 3, 8, 32, 32]"), v.getMessage());
        var a = assertThrows(IllegalArgumentException.class,
                () -> m.forward(TestVariants.zeros(B, TINY.videoShape()), TestVariants.zeros(B, new int[] {13, 100})));
        assertTrue(a.getMessage().contains("audio input must be") && a.getMessage().contains("[B, 13, 76], got [2, 13, 100]"), a.getMessage());
        var missing = assertThrows(IllegalArgumentException.class, () -> m.forward(TestVariants.zeros(B, TINY.videoShape()), null));
        assertTrue(missing.getMessage().contains("audio input") && missing.getMessage().contains("missing"), missing.getMessage());
        var batch = assertThrows(IllegalArgumentException.class,
                () -> m.forward(TestVariants.zeros(B, TINY.videoShape()), TestVariants.zeros(B + 1, TINY.audioShape())));
        assertTrue(batch.getMessage().contains("video batch 2 and audio batch 3"), batch.getMessage());
    }
}
