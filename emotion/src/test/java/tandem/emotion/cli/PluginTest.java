package tandem.emotion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.emotion.infer.RunCheckpoint;
import tandem.emotion.model.fusion.FusionRegistry;
import tandem.emotion.synth.CorpusGenerator;
import tandem.emotion.synth.SynthConfig;
import tandem.nn.io.Safetensors;

/**
 * The example plugin of docs/fusion-variants.md, built out of tree (compiled here against Tandem's built classes and
 * jarred), used by train, summary, predict and explain through {@code --plugin}; without the jar, predict on its
 * checkpoint fails with one line that names the variant and the option.
 */
class PluginTest {
    /** 2 subjects x 4 classes x one 1.6 s clip: one 30-frame sub-segment each, enough for two folds. */
    static final SynthConfig CORPUS = SynthConfig.defaults().withSubjects(2).withClipsPerClass(1).withClipSeconds(1.6)
            .withFrameSize(32, 32).withAmbiguousFraction(0).withSeed(7).withThreads(2);

    @TempDir static Path root;
    static Path jar, manifest, run, checkpoint, video;
    static CliRun train;

    @BeforeAll
    static void buildTheJarAndTrainWithIt() throws IOException {
        jar = ExamplePlugin.build(Files.createDirectories(root.resolve("plugin")));
        manifest = CorpusGenerator.generate(root.resolve("corpus"), CORPUS).manifest().file();
        run = root.resolve("run");
        train = CliRun.of("--plugin", jar.toString(), "train", "--data", manifest.toString(), "--model",
                "preset=tiny,fusion=film,head=maxpool", "--folds", "2", "--repeats", "1", "--epochs", "1", "--out", run.toString());
        checkpoint = run.resolve("repeat-1/fold-1/checkpoint.safetensors");
        try (Stream<Path> videos = Files.list(root.resolve("corpus/video"))) {
            video = videos.sorted().findFirst().orElseThrow();
        }
    }

    @Test
    void trainRunsThePluginVariantAndTheCheckpointNamesWhatItNeeds() throws IOException {
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(Files.readString(run.resolve("report.md")).startsWith("# film + maxpool (tiny)"));
        Map<String, String> meta = Safetensors.read(checkpoint).metadata();
        assertTrue(meta.get(RunCheckpoint.META_MODEL).contains("fusion=film") && meta.get(RunCheckpoint.META_MODEL).contains("head=maxpool"),
                meta.get(RunCheckpoint.META_MODEL));
        assertEquals("org.example.tandem.film.FilmFusion$Factory (film-plugin.jar)", meta.get(RunCheckpoint.META_FUSION_PROVIDER));
        assertEquals("org.example.tandem.film.MaxPoolHead$Factory (film-plugin.jar)", meta.get(RunCheckpoint.META_HEAD_PROVIDER));
        assertTrue(Safetensors.read(checkpoint).tensors().containsKey("model.fusion_late.video_scale.weight"));
        assertFalse(FusionRegistry.names().contains("film"), "the plugin is seen only by commands run with it");
    }

    @Test
    void summaryShowsThePluginsBlockAndItsSettings() {
        CliRun r = CliRun.of("summary", "--plugin=" + jar, "--fusion", "film", "--head", "maxpool", "--set", "fusion.shift=false");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith("fusion_late (video)")), r.out());
        assertTrue(r.out().contains("  fusion_late: film shift=false"), r.out());
        CliRun typo = CliRun.of("--plugin", jar.toString(), "summary", "--fusion", "film", "--set", "fusion.shfit=false");
        assertEquals(2, typo.exitCode());
        assertTrue(typo.err().contains("fusion 'film': unknown option(s) [shfit]; known: [shift]"), typo.err());
    }

    @Test
    void predictAndExplainLoadThePluginCheckpoint() throws IOException {
        CliRun p = CliRun.of("--plugin", jar.toString(), "predict", "--checkpoint", checkpoint.toString(), video.toString());
        assertEquals(0, p.exitCode(), p.err());
        assertTrue(p.outLines().get(0).contains("p(anger)") && p.outLines().get(0).contains("p(sad)"), p.out());
        Path out = root.resolve("explain");
        CliRun e = CliRun.of("--plugin", jar.toString(), "explain", "--checkpoint", checkpoint.toString(), "--clip", video.toString(),
                "--out", out.toString());
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(Files.readString(out.resolve("probabilities.json")).contains("\"predicted\""));
        assertTrue(e.out().contains("fusion 'film' publishes no attention weights"), e.out());
    }

    @Test
    void withoutTheJarPredictSaysWhichVariantIsMissingAndHowToAddIt() {
        CliRun r = CliRun.of("predict", "--checkpoint", checkpoint.toString(), video.toString());
        assertEquals(2, r.exitCode(), r.err());
        List<String> errors = r.errLines();
        assertEquals(1, errors.size(), r.err());
        String line = errors.get(0);
        for (String part : new String[] {"tandem predict: error:", "fusion variant 'film'", "FilmFusion$Factory (film-plugin.jar)",
                "head 'maxpool'", "which are not installed", "--plugin JAR"}) {
            assertTrue(line.contains(part), "'" + part + "' not in: " + line);
        }
    }

    @Test
    void aPluginThatIsNotThereIsOneLine() {
        CliRun r = CliRun.of("--plugin", root.resolve("nowhere.jar").toString(), "summary");
        assertEquals(2, r.exitCode());
        assertEquals(List.of("tandem: error: plugin " + root.resolve("nowhere.jar") + ": no such file"), r.errLines());
    }
}
