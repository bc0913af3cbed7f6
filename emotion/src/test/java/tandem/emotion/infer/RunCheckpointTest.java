package tandem.emotion.infer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.autograd.GradMode;
import tandem.autograd.Var;
import tandem.emotion.audio.AudioClip;
import tandem.emotion.model.EmotionModel;
import tandem.emotion.video.VideoEncoder;
import tandem.emotion.video.VideoWriter;
import tandem.nn.io.Safetensors;
import tandem.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunCheckpointTest {
    @TempDir Path dir;

    @Test
    void restoresTheSpecClassesAndWeightsAndComputesTheSameLogits() throws IOException {
        EmotionModel original = TestCheckpoints.model(TestCheckpoints.PROPOSED, 11);
        Path file = TestCheckpoints.save(original, dir.resolve("fold.safetensors"));
        TrainedModel loaded = RunCheckpoint.load(file);

        assertEquals(original.spec(), loaded.spec());
        assertEquals(List.of("anger", "joy", "neutral", "sad"), loaded.classes());
        assertFalse(loaded.model().isTraining(), "restored models run in eval mode");
        assertEquals(30, loaded.input().segmentFrames());
        assertEquals(original.spec().preset().video().frames(), loaded.input().frames());

        original.eval();
        Tensor video = Tensor.randn(5, loaded.input().videoShape(2)), audio = Tensor.randn(6, loaded.input().audioShape(2));
        double[] expected, actual;
        try (GradMode off = GradMode.off()) {
            expected = original.forward(Var.constant(video), Var.constant(audio)).data().toDoubleArray();
            actual = loaded.model().forward(Var.constant(video), Var.constant(audio)).data().toDoubleArray();
        }
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(actual[i] - expected[i]) <= 1e-6 + 1e-6 * Math.abs(expected[i]), "logit " + i + ": " + actual[i] + " vs " + expected[i]);
        }
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.safetensors");
        IOException e = assertThrows(IOException.class, () -> RunCheckpoint.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void safetensorsWithoutAModelSpecIsNotATandemCheckpoint() throws IOException {
        Path file = dir.resolve("weights.safetensors");
        Safetensors.write(file, Map.of("w", Tensor.zeros(2, 2)), Map.of("format", "pt"));
        IOException e = assertThrows(IOException.class, () -> RunCheckpoint.load(file));
        assertTrue(e.getMessage().contains("not a Tandem checkpoint") && e.getMessage().contains(RunCheckpoint.META_MODEL), e.getMessage());
    }

    @Test
    void tensorsThatDoNotFitAreNamed() throws IOException {
        EmotionModel model = TestCheckpoints.model(TestCheckpoints.PROPOSED, 1);
        Path good = TestCheckpoints.save(model, dir.resolve("good.safetensors"));
        var contents = Safetensors.read(good);
        Map<String, Tensor> tensors = new LinkedHashMap<>(contents.tensors());
        String shrunk = "model.fusion_late.video_to_audio.query.weight";
        assertTrue(tensors.containsKey(shrunk), "the window block's query weight is in the checkpoint");
        tensors.put(shrunk, Tensor.zeros(3, 3));
        tensors.remove("model.audio_head.fc1.weight");
        Path bad = dir.resolve("bad.safetensors");
        Safetensors.write(bad, tensors, contents.metadata());

        IOException e = assertThrows(IOException.class, () -> RunCheckpoint.load(bad));
        assertTrue(e.getMessage().contains("mismatched 1 (model.fusion_late.video_to_audio.query.weight: expected F32"), e.getMessage());
        assertTrue(e.getMessage().contains("missing 1 (model.audio_head.fc1.weight)"), e.getMessage());
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    }

    @Test
    void classNamesMustMatchTheSpec() throws IOException {
        EmotionModel model = TestCheckpoints.model(TestCheckpoints.BASELINE, 1);
        Path file = TestCheckpoints.save(model, dir.resolve("c.safetensors"));
        var contents = Safetensors.read(file);
        Map<String, String> meta = new LinkedHashMap<>(contents.metadata());
        meta.put(RunCheckpoint.META_CLASSES, "anger,joy");
        Safetensors.write(file, contents.tensors(), meta);
        IOException e = assertThrows(IOException.class, () -> RunCheckpoint.load(file));
        assertTrue(e.getMessage().contains("anger,joy") && e.getMessage().contains("4 classes"), e.getMessage());
    }

    @Test
    void audioIsFoundByNameNextToTheVideoOrInTheSiblingAudioFolder() throws IOException {
        Path video = silentVideo(Files.createDirectories(dir.resolve("video")).resolve("s1-joy.mp4"), null);
        Path sibling = Files.createDirectories(dir.resolve("audio")).resolve("s1-joy.wav");
        Files.writeString(sibling, "x");
        assertEquals(sibling, ClipLoader.audioFor(video, null, null));

        Path beside = dir.resolve("video").resolve("s1-joy.flac");
        Files.writeString(beside, "x");
        assertEquals(beside, ClipLoader.audioFor(video, null, null), "next to the video wins over ../audio, in any audio format");

        Path elsewhere = Files.createDirectories(dir.resolve("wavs")).resolve("s1-joy.wav");
        Files.writeString(elsewhere, "x");
        assertEquals(elsewhere, ClipLoader.audioFor(video, null, dir.resolve("wavs")), "--audio-dir wins");
        assertEquals(sibling, ClipLoader.audioFor(video, sibling, dir.resolve("wavs")), "--audio wins");

        Path voiced = silentVideo(dir.resolve("video").resolve("s3-anger.mp4"), new AudioClip(new float[6400], 16000));
        Files.writeString(dir.resolve("video").resolve("s3-anger.wav"), "x");
        assertEquals(voiced, ClipLoader.audioFor(voiced, null, null), "a video's own sound track beats a file that shares its name");

        Path lonely = silentVideo(dir.resolve("video").resolve("s2-sad.mp4"), null);
        IOException e = assertThrows(IOException.class, () -> ClipLoader.audioFor(lonely, null, null));
        assertTrue(e.getMessage().contains("s2-sad.mp4") && e.getMessage().contains("no audio found")
                && e.getMessage().contains(dir.resolve("audio").resolve("s2-sad") + ".{wav,flac,mp3,ogg,opus,m4a}"), e.getMessage());
        IOException noVideo = assertThrows(IOException.class, () -> ClipLoader.audioFor(dir.resolve("video").resolve("gone.mp4"), null, null));
        assertTrue(noVideo.getMessage().contains("gone.mp4: no such file"), noVideo.getMessage());
        IOException missing = assertThrows(IOException.class, () -> ClipLoader.audioFor(video, dir.resolve("gone.wav"), null));
        assertTrue(missing.getMessage().contains("gone.wav"), missing.getMessage());

        // The video is opened first: one that is not a video is named as such, even with its audio right there.
        Path fake = dir.resolve("video").resolve("fake.mp4");
        Files.writeString(fake, "x");
        IOException notVideo = assertThrows(IOException.class, () -> ClipLoader.audioFor(fake, sibling, null));
        assertTrue(notVideo.getMessage().startsWith(fake.toString()) && notVideo.getMessage().contains("cannot open it as a video"),
                notVideo.getMessage());
    }

    /** Ten black 32x32 frames at 25 fps, with {@code sound} (or none) as its track. */
    private static Path silentVideo(Path file, AudioClip sound) throws IOException {
        try (VideoWriter w = VideoWriter.create(file, 32, 32, 25, VideoEncoder.best(), sound)) {
            for (int i = 0; i < 10; i++) w.write(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB));
            w.finish();
        }
        return file;
    }
}
