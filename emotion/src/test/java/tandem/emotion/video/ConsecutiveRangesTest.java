package tandem.emotion.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.emotion.audio.AudioClip;

/**
 * Consecutive sub-segments read from one reader of an MP4 with a sound track hold exactly their own frames, as
 * training and {@code predict} read them. (After the seek to each later segment the grabber used to hand back its
 * last decoded frame once more, so every segment after the first held 31 frames, one of them twice.)
 */
class ConsecutiveRangesTest {
    @Test
    void eachSegmentOfAVideoWithSoundHoldsItsOwnFramesOnce(@TempDir Path dir) throws IOException {
        Path video = dir.resolve("with-sound.mp4");
        try (VideoWriter out = VideoWriter.create(video, 64, 48, 25, VideoEncoder.best(), new AudioClip(new float[16000 * 3], 16000))) {
            for (int i = 0; i < 75; i++) out.write(TestFrames.indexed(i, 64, 48));
            out.finish();
        }
        try (VideoReader reader = VideoReader.open(video)) {
            List<BufferedImage> all = reader.readAll();
            for (int segment = 0; segment < 2; segment++) {
                List<BufferedImage> frames = reader.readFrames(segment * 1.2, (segment + 1) * 1.2);
                assertEquals(30, frames.size(), "segment " + segment);
                for (int i = 0; i < 30; i++) {
                    assertTrue(TestFrames.samePixels(all.get(30 * segment + i), frames.get(i)), "segment " + segment + " frame " + i);
                }
            }
        }
    }
}
