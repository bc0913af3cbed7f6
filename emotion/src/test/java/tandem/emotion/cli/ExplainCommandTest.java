package tandem.emotion.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import tandem.emotion.explain.HeadlessChromium;
import tandem.emotion.infer.TestCheckpoints;
import tandem.emotion.synth.CorpusGenerator;
import tandem.emotion.synth.SynthConfig;
import tandem.nn.io.Safetensors;
import tandem.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** predict and explain end to end on a generated corpus of 4 clips and untrained tiny models saved as training saves them. */
class ExplainCommandTest {
    /** 1 subject x 4 classes, 2.5 s at 25 fps: 62 frames, two 30-frame sub-segments per clip. */
    static final SynthConfig CORPUS = SynthConfig.defaults().withSubjects(1).withClipsPerClass(1).withClipSeconds(2.5)
            .withFrameSize(64, 64).withAmbiguousFraction(0).withSeed(5).withThreads(2);

    @TempDir static Path root;
    static Path corpus, proposed, baseline, joy;

    @BeforeAll
    static void setUp() throws IOException {
        corpus = root.resolve("corpus");
        CorpusGenerator.generate(corpus, CORPUS);
        proposed = TestCheckpoints.save(TestCheckpoints.model(TestCheckpoints.PROPOSED, 21), root.resolve("proposed.safetensors"));
        baseline = TestCheckpoints.save(TestCheckpoints.model(TestCheckpoints.BASELINE, 22), root.resolve("baseline.safetensors"));
        try (Stream<Path> videos = Files.list(corpus.resolve("video"))) {
            joy = videos.filter(p -> p.getFileName().toString().contains("joy")).findFirst().orElseThrow();
        }
    }

    @Test
    void predictPrintsOneRowPerFileWithProbabilitiesThatSumToOne() throws IOException {
        List<Path> videos;
        try (Stream<Path> s = Files.list(corpus.resolve("video"))) {
            videos = s.sorted().toList();
        }
        String[] args = Stream.concat(Stream.of("predict", "--checkpoint", proposed.toString()), videos.stream().map(Path::toString)).toArray(String[]::new);
        CliRun table = CliRun.of(args);
        assertEquals(0, table.exitCode(), table.err());
        List<String> lines = table.outLines();
        assertEquals(1 + videos.size(), lines.size(), table.out());
        assertTrue(lines.get(0).contains("p(anger)") && lines.get(0).contains("p(sad)") && lines.get(0).endsWith("predicted     audio"),
                lines.get(0));
        for (int i = 0; i < videos.size(); i++) {
            String[] cells = lines.get(i + 1).trim().split("\\s+");
            assertEquals(videos.get(i).getFileName().toString(), cells[0]);
            assertEquals("2", cells[1], "two sub-segments per 2.5 s clip");
            double sum = 0, best = -1;
            String bestClass = null;
            String[] classes = {"anger", "joy", "neutral", "sad"};
            for (int c = 0; c < 4; c++) {
                double p = Double.parseDouble(cells[2 + c]);
                sum += p;
                if (p > best) {
                    best = p;
                    bestClass = classes[c];
                }
            }
            assertEquals(1.0, sum, 4 * 5e-5, "printed with 4 decimals");
            assertEquals(bestClass, cells[6]);
            assertTrue(lines.get(i + 1).endsWith(videos.get(i).getFileName().toString().replace(".mp4", ".wav") + " (found in ../audio/)"),
                    "names the audio used and where it was found: " + lines.get(i + 1));
        }

        CliRun json = CliRun.of(Stream.concat(Stream.of("predict", "--json", "--checkpoint", proposed.toString()),
                videos.stream().map(Path::toString)).toArray(String[]::new));
        assertEquals(0, json.exitCode(), json.err());
        assertEquals(videos.size(), json.outLines().size());
        for (String line : json.outLines()) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            double sum = 0;
            for (Map.Entry<String, com.google.gson.JsonElement> e : o.getAsJsonObject("probabilities").entrySet()) sum += e.getValue().getAsDouble();
            assertEquals(1.0, sum, 1e-6, line);
            assertEquals(2, o.get("segments").getAsInt());
        }
    }

    @Test
    void explainDrawsAttentionGatesAndClassMapsForTheProposedModel() throws IOException {
        Path out = root.resolve("explain-proposed");
        CliRun r = CliRun.of("explain", "--checkpoint", proposed.toString(), "--clip", joy.toString(), "--out", out.toString(), "--segment", "1", "--html");
        assertEquals(0, r.exitCode(), r.err());
        for (String png : List.of("clip.png", "attention-video-to-audio.png", "attention-audio-to-video.png", "gates.png", "class-maps.png")) {
            assertNonBlankPng(out.resolve(png));
        }
        // tiny preset: 16 input frames -> 8 steps of 1 x 1 maps; grid = label column + 8 cells; rows: frames, 4 classes, their mean
        BufferedImage grid = ImageIO.read(out.resolve("class-maps.png").toFile());
        assertEquals(150 + 8 * 96 + 12, grid.getWidth());
        assertTrue(classRowsDiffer(grid, 4, 8), "the class rows show what tells the classes apart");

        JsonObject probs = JsonParser.parseString(Files.readString(out.resolve("probabilities.json"))).getAsJsonObject();
        assertEquals(1, probs.get("segment").getAsInt());
        assertEquals(1.2, probs.get("start_s").getAsDouble(), 1e-9, "sub-segment 1 starts at frame 30 of 25 fps");
        double sum = 0;
        for (var e : probs.getAsJsonObject("probabilities").entrySet()) sum += e.getValue().getAsDouble();
        assertEquals(1.0, sum, 1e-6);

        String md = Files.readString(out.resolve("explain.md"));
        for (String s : List.of("attention-video-to-audio.png", "attention-audio-to-video.png", "gates.png", "class-maps.png", "probabilities.json",
                "preset=tiny,fusion=window,head=classmap")) {
            assertTrue(md.contains(s), "explain.md mentions " + s);
        }
        assertFalse(md.contains("## Not drawn"), "nothing is skipped for the proposed model");
        assertTrue(md.contains("clip.png") && md.contains("minus the mean of all class maps"), "explain.md states the class maps' scales");
        assertTrue(r.out().contains("wrote " + out.resolve("explain.html")), r.out());
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left behind");
        }
    }

    /** The explain page in headless Chromium: every step drawn, the clip's frames, sound and the maps on one time axis, no request. */
    @Test
    void theExplainPageShowsTheClipAndTheMapsOnOneTimeAxis() throws IOException {
        Path out = root.resolve("explain-page");
        CliRun r = CliRun.of("explain", "--checkpoint", proposed.toString(), "--clip", joy.toString(), "--out", out.toString(), "--html");
        assertEquals(0, r.exitCode(), r.err());
        Path page = out.resolve("explain.html");
        try (HeadlessChromium chrome = HeadlessChromium.startOrSkip()) {
            ChromeDriver d = chrome.driver;
            d.get(page.toUri().toString());
            assertEquals("true", d.findElement(By.tagName("body")).getDomAttribute("data-ready"));
            List<String> ids = d.findElements(By.cssSelector("#steps li")).stream().map(e -> e.getDomAttribute("data-step")).toList();
            assertEquals(List.of("clip", "attention", "gates", "class-maps", "probabilities"), ids);
            assertEquals(16, d.findElements(By.cssSelector("#step figure.frames image")).size(), "the 16 frames the model saw");
            assertEquals(1, d.findElements(By.cssSelector("#step figure.wave path")).size(), "the waveform");
            assertEquals(13 * 76, d.findElements(By.cssSelector("#step figure.heatmap rect.cell")).size(), "the MFCC, 13 x 76");
            chrome.screenshot(Path.of("target", "teaching-page", "explain-clip.png"));
            for (String step : ids) {
                d.findElement(By.cssSelector("#steps li[data-step='" + step + "']")).click();
                assertFalse(d.findElements(By.cssSelector("#step > .block")).isEmpty(), step + " drawn");
                // every time axis spans the same pixels: the frames, the sound and the maps line up
                List<String> axes = d.findElements(By.cssSelector("#step g.axis > line.baseline")).stream()
                        .map(e -> e.getDomAttribute("x1") + ".." + e.getDomAttribute("x2")).distinct().toList();
                assertTrue(axes.size() <= 1, step + ": one time axis for every drawing: " + axes);
                if (!step.equals("probabilities")) assertEquals(List.of("150..750"), axes, step + " has drawings on the time axis");
            }
            d.findElement(By.cssSelector("#steps li[data-step='attention']")).click();
            assertEquals(2, d.findElements(By.cssSelector("#step figure.heatmap")).size(), "both directions' attention maps");
            d.findElement(By.cssSelector("#step figure.heatmap rect.cell")).click();
            assertTrue(d.findElement(By.id("source")).getText().contains("WindowedCrossAttention.forward"), "a cell names the code that published it");
            d.findElement(By.cssSelector("#steps li[data-step='class-maps']")).click();
            assertEquals(2, d.findElements(By.cssSelector("#step svg.colourbar")).size(), "a colour bar for each class-map heatmap");
            chrome.screenshot(Path.of("target", "teaching-page", "explain-class-maps.png"));
            chrome.assertNothingLeftThePage(page.toUri().toString());
        }
    }

    @Test
    void explainDrawsMsafBlockAttentionAndSaysWhyThereAreNoClassMaps() throws IOException {
        Path out = root.resolve("explain-baseline");
        Path wav = corpus.resolve("audio").resolve(joy.getFileName().toString().replace(".mp4", ".wav"));
        CliRun r = CliRun.of("explain", "--checkpoint", baseline.toString(), "--clip", joy.toString(), "--audio", wav.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertNonBlankPng(out.resolve("attention-blocks-mid.png"));
        assertNonBlankPng(out.resolve("attention-blocks-late.png"));
        for (String absent : List.of("class-maps.png", "gates.png", "attention-video-to-audio.png")) assertFalse(Files.exists(out.resolve(absent)), absent);
        String md = Files.readString(out.resolve("explain.md"));
        assertTrue(md.contains("head=classmap") && md.contains("head=linear"), "explains that class maps need the class-map head");
        assertTrue(r.out().contains("note: No class-maps.png"), r.out());
    }

    @Test
    void badInputGivesOneClearErrorAndExitCode2() throws IOException {
        Path notCheckpoint = root.resolve("plain.safetensors");
        Safetensors.write(notCheckpoint, Map.of("weight", Tensor.zeros(2)));
        Path lonelyVideo = Files.createDirectories(root.resolve("lonely")).resolve("clip.mp4");
        Files.copy(joy, lonelyVideo, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path out = root.resolve("bad-out");

        expectError(List.of("no such file", "missing.safetensors"),
                "predict", "--checkpoint", root.resolve("missing.safetensors").toString(), joy.toString());
        expectError(List.of("not a Tandem checkpoint"), "predict", "--checkpoint", notCheckpoint.toString(), joy.toString());
        expectError(List.of("no such file", "gone.mp4"),
                "explain", "--checkpoint", proposed.toString(), "--clip", corpus.resolve("video/gone.mp4").toString(), "--audio",
                corpus.resolve("audio").resolve(joy.getFileName().toString().replace(".mp4", ".wav")).toString(), "--out", out.toString());
        expectError(List.of("no such file", "gone.mp4"), "predict", "--checkpoint", proposed.toString(), corpus.resolve("video/gone.mp4").toString());
        expectError(List.of("no audio found", "clip.mp4"),
                "explain", "--checkpoint", proposed.toString(), "--clip", lonelyVideo.toString(), "--out", out.toString());
        expectError(List.of("--segment 5", "2 sub-segment(s)"),
                "explain", "--checkpoint", proposed.toString(), "--clip", joy.toString(), "--out", out.toString(), "--segment", "5");
        assertFalse(Files.exists(out.resolve("explain.md")), "nothing written on error");
    }

    private static void expectError(List<String> fragments, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.exitCode(), String.join(" ", args) + "\n" + r.out() + r.err());
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), "one error line: " + lines);
        assertTrue(lines.get(0).startsWith("tandem " + args[0] + ": error: "), lines.get(0));
        for (String f : fragments) assertTrue(lines.get(0).contains(f), "'" + f + "' in: " + lines.get(0));
    }

    // the centre pixel of each class row, step by step: some step must show clearly different colours for two classes
    private static boolean classRowsDiffer(BufferedImage grid, int classes, int steps) {
        int header = 58, cell = 96, labels = 150;
        for (int step = 0; step < steps; step++) {
            int x = labels + step * cell + cell / 2;
            for (int a = 0; a < classes; a++) {
                for (int b = a + 1; b < classes; b++) {
                    int p = grid.getRGB(x, header + (1 + a) * cell + cell / 2), q = grid.getRGB(x, header + (1 + b) * cell + cell / 2);
                    for (int shift : new int[] {16, 8, 0}) if (Math.abs(((p >> shift) & 255) - ((q >> shift) & 255)) > 60) return true;
                }
            }
        }
        return false;
    }

    static void assertNonBlankPng(Path png) throws IOException {
        assertTrue(Files.exists(png), png + " exists");
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, png + " decodes as an image");
        int first = img.getRGB(0, 0);
        boolean varied = false;
        for (int y = 0; y < img.getHeight() && !varied; y += 3) {
            for (int x = 0; x < img.getWidth() && !varied; x += 3) varied = img.getRGB(x, y) != first;
        }
        assertTrue(varied, png + " is not a blank image");
        assertNotEquals(0, img.getWidth() * img.getHeight());
    }
}
