package tandem.emotion.features;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.emotion.data.ManifestEntry;
import tandem.emotion.model.InputSpec;
import tandem.emotion.synth.CorpusGenerator;
import tandem.emotion.synth.SynthConfig;
import tandem.emotion.synth.SynthCorpus;
import tandem.emotion.video.FrameSource;
import tandem.emotion.video.VideoReader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Features from an MP4 and from the same frames as an image folder are the same; a bad fps.txt is named. */
class FeatureExtractorTest {
    static final InputSpec INPUT = new InputSpec(30, 16, 32, 32, 13, 76, 16000, 1024, 256);

    @Test void anImageFolderGivesTheSameFeaturesAsItsVideo(@TempDir Path dir) throws IOException {
        SynthCorpus corpus = CorpusGenerator.generate(dir.resolve("c"), SynthConfig.defaults().withSubjects(1).withClipsPerClass(1)
                .withClipSeconds(1.6).withFrameSize(48, 48).withSeed(9));
        ManifestEntry clip = corpus.manifest().entries().get(0);
        Path folder = dir.resolve("frames");
        Files.createDirectories(folder);
        try (VideoReader video = VideoReader.open(clip.video())) {
            List<BufferedImage> frames = video.readAll();
            for (int i = 0; i < frames.size(); i++) ImageIO.write(frames.get(i), "png", folder.resolve(String.format("frame_%03d.png", i)).toFile());
        }
        Files.writeString(folder.resolve("fps.txt"), "25\n");
        ManifestEntry asFolder = new ManifestEntry(clip.clip(), folder, clip.audio(), clip.label(), clip.subject(),
                OptionalDouble.empty(), OptionalDouble.empty());
        FeatureExtractor fx = new FeatureExtractor(INPUT);
        List<Sample> fromVideo = fx.extractClip(0, clip), fromFolder = fx.extractClip(0, asFolder);
        assertEquals(fromVideo.size(), fromFolder.size());
        assertTrue(fromVideo.size() >= 1);
        for (int i = 0; i < fromVideo.size(); i++) {
            assertArrayEquals(fromVideo.get(i).video(), fromFolder.get(i).video(), 0f, "video features of sub-segment " + i);
            assertArrayEquals(fromVideo.get(i).audio(), fromFolder.get(i).audio(), 0f, "audio features of sub-segment " + i);
        }

        Files.writeString(folder.resolve("fps.txt"), "fast\n");
        IOException e = assertThrows(IOException.class, () -> FrameSource.open(folder));
        assertTrue(e.getMessage().contains("fps.txt") && e.getMessage().contains("fast"), e.getMessage());
    }
}
