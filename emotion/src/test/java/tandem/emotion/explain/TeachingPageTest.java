package tandem.emotion.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.autograd.GradMode;
import tandem.autograd.Var;
import tandem.emotion.model.fusion.FusionBlock;
import tandem.emotion.model.fusion.WindowOptions;
import tandem.emotion.model.fusion.WindowedCrossAttention;
import tandem.nn.Seeds;
import tandem.tensor.Tensor;

/** The walkthrough page's data: every step for every window count, backward numbers equal to the engine's gradients, true code links. */
class TeachingPageTest {
    private static final long SEED = 1;
    private static final int DIM = 4;

    @TempDir static Path dir;
    static JsonObject data;
    static String html;

    @BeforeAll
    static void writePage() throws IOException {
        Path page = dir.resolve("attention.html");
        TeachingPage.writeWalkthrough(page, TeachingPage.windowCounts(2), 2, DIM, SEED);
        html = Files.readString(page);
        data = PageData.read(page);
    }

    @Test
    void thePageIsSelfContained() {
        assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'"), "a policy that forbids every request");
        Matcher external = Pattern.compile("(?i)(src|href)\\s*=\\s*[\"'](?!data:)[^\"']+").matcher(html);
        assertFalse(external.find(), () -> "no external reference: " + external.group());
        assertFalse(html.contains("{{"), "every template slot filled");
        assertEquals(1, html.split("</script>", -1).length - 2, "the data cannot close its script element early: one data script, one code script");
    }

    @Test
    void everyWindowCountHasTheSameStepsForwardThenBackward() {
        List<Integer> counts = new ArrayList<>();
        List<String> ids = null;
        for (JsonElement w : data.getAsJsonArray("walks")) {
            JsonObject walk = w.getAsJsonObject();
            counts.add(walk.get("windows").getAsInt());
            List<String> these = new ArrayList<>();
            String phase = "forward";
            for (JsonElement s : walk.getAsJsonArray("steps")) {
                JsonObject step = s.getAsJsonObject();
                these.add(step.get("id").getAsString());
                assertTrue(step.getAsJsonArray("blocks").size() > 0, "step " + step.get("id") + " has content");
                if (step.get("phase").getAsString().equals("backward")) phase = "backward";
                else assertEquals("forward", phase, "no forward step after the backward pass began");
            }
            if (ids == null) ids = these;
            assertEquals(ids, these, "the slider keeps the reader on the same step");
        }
        assertEquals(List.of(1, 2, 3, 4), counts);
        assertEquals(1, data.get("selected").getAsInt(), "W = 2 shown first");
        assertTrue(ids.containsAll(List.of("inputs", "context", "windows", "video_to_audio-qkv", "video_to_audio-scores", "video_to_audio-softmax",
                "video_to_audio-gate", "scale", "b-upstream", "b-gate", "b-video_to_audio-softmax", "b-inputs", "b-check")), ids.toString());
        JsonObject windows = PageData.step(PageData.walk(data, 3), "windows").getAsJsonArray("blocks").asList().stream()
                .map(JsonElement::getAsJsonObject).filter(b -> b.get("type").getAsString().equals("windows")).findFirst().orElseThrow();
        assertEquals("[0,2,5]", windows.getAsJsonArray("axes").get(0).getAsJsonObject().get("starts").toString(), "video windows at W = 3");
        assertEquals("[0,4,8]", windows.getAsJsonArray("axes").get(1).getAsJsonObject().get("starts").toString(), "audio windows at W = 3");
    }

    @Test
    void theBackwardNumbersAreTheEnginesGradientsOfTheSameInput() {
        for (int w : List.of(2, 3)) {
            // the engine on its own: the block's forward (fused kernel, its default) and autograd, nothing of the walkthrough
            Seeds.set(SEED);
            WindowedCrossAttention block = new WindowedCrossAttention(AttentionWalkthrough.VIDEO_CHANNELS, AttentionWalkthrough.AUDIO_CHANNELS,
                    WindowOptions.defaults().withWindows(w).withDim(DIM));
            Var video = Var.param(Tensor.randn(SEED * 2 + 1, 1, 6, 8, 2, 2)), audio = Var.param(Tensor.randn(SEED * 2 + 2, 1, 4, 12));
            Tensor gv = Tensor.randn(SEED * 2 + 3, 1, 6, 8, 2, 2), ga = Tensor.randn(SEED * 2 + 4, 1, 4, 12);
            try (GradMode on = GradMode.on()) {
                FusionBlock.Fused f = block.forward(video, audio);
                f.video().mul(Var.constant(gv)).sum().add(f.audio().mul(Var.constant(ga)).sum()).backward();
            }
            JsonObject walk = PageData.walk(data, w);
            JsonObject upstream = PageData.step(walk, "b-upstream"), inputs = PageData.step(walk, "b-inputs");
            assertClose(gv, PageData.block(upstream, "G_v"), "G_v at W = " + w);
            assertClose(ga, PageData.block(upstream, "G_a"), "G_a at W = " + w);
            assertClose(video.grad(), PageData.block(inputs, "dL/dF_v ("), "dL/dF_v at W = " + w);
            assertClose(audio.grad(), PageData.block(inputs, "dL/dF_a ("), "dL/dF_a at W = " + w);
            JsonObject projections = PageData.step(walk, "b-video_to_audio-projections");
            assertClose(block.namedParameters().get("video_to_audio.query.weight").grad(), PageData.block(projections, "dL/dW_q"), "dL/dW_q");
            assertClose(block.namedParameters().get("video_to_audio.value.weight").grad(), PageData.block(projections, "dL/dW_v"), "dL/dW_v");
            JsonObject out = PageData.step(walk, "b-out");
            assertClose(block.namedParameters().get("video_to_audio.out.weight").grad(), PageData.block(out, "dL/dW_o"), "dL/dW_o");
        }
    }

    @Test
    void everyNumberLinksToARealLineOfTandemCode() throws IOException {
        Path root = CodeRef.sourceRoot().orElseThrow(() -> new AssertionError("the tests run inside the checkout"));
        int checked = 0;
        for (JsonElement s : PageData.walk(data, 2).getAsJsonArray("steps")) {
            for (JsonElement b : s.getAsJsonObject().getAsJsonArray("blocks")) {
                JsonObject block = b.getAsJsonObject();
                if (!block.get("type").getAsString().equals("matrix")) continue;
                assertTrue(block.has("at"), "every number says where it was computed: " + block.get("label"));
                for (String which : List.of("at", "engine")) {
                    if (!block.has(which)) continue;
                    JsonObject ref = block.getAsJsonObject(which);
                    List<String> lines = Files.readAllLines(root.resolve(ref.get("file").getAsString()));
                    int line = ref.get("line").getAsInt();
                    assertTrue(line >= 1 && line <= lines.size(), which + " of " + block.get("label") + ": line " + line);
                    assertEquals(lines.get(line - 1).trim(), ref.get("code").getAsString(), "the quoted code is that line");
                    String method = ref.get("method").getAsString();
                    String name = method.substring(method.indexOf('.') + 1);
                    assertTrue(which.equals("at") || lines.get(line - 1).contains(name + "("), "engine line declares " + method + ": " + lines.get(line - 1));
                    checked++;
                }
            }
        }
        assertTrue(checked > 100, "links checked: " + checked);
        JsonObject q = PageData.block(PageData.step(PageData.walk(data, 2), "video_to_audio-qkv"), "q = w_q");
        assertTrue(q.getAsJsonObject("at").get("code").getAsString().contains("wq.forward("), q.toString());
        assertEquals("Linear.forward", q.getAsJsonObject("engine").get("method").getAsString());
        JsonObject dScores = PageData.block(PageData.step(PageData.walk(data, 2), "b-video_to_audio-softmax"), "dL/d scores");
        assertEquals("Softmax.backward", dScores.getAsJsonObject("engine").get("method").getAsString());
        assertEquals("DirectionBackward.walk", dScores.getAsJsonObject("at").get("method").getAsString());
    }

    @Test
    void windowCountsAlwaysIncludeTheChosenOne() {
        assertEquals(List.of(1, 2, 3, 4), TeachingPage.windowCounts(3));
        assertEquals(List.of(1, 2, 3, 4, 6), TeachingPage.windowCounts(6));
    }

    private static void assertClose(Tensor expected, JsonObject block, String what) {
        double[] e = expected.toDoubleArray(), a = PageData.values(block);
        assertEquals(e.length, a.length, what + ": number of values");
        for (int i = 0; i < e.length; i++) {
            assertTrue(Math.abs(a[i] - e[i]) <= 1e-5 + 1e-4 * Math.abs(e[i]), what + "[" + i + "]: page " + a[i] + " vs engine " + e[i]);
        }
    }
}
