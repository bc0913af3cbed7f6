package tandem.emotion.live;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tandem.emotion.audio.AudioClip;
import tandem.emotion.infer.TestCheckpoints;
import tandem.emotion.synth.CorpusGenerator;
import tandem.emotion.synth.SynthConfig;
import tandem.emotion.synth.SynthCorpus;
import tandem.emotion.video.VideoEncoder;
import tandem.emotion.video.VideoWriter;

/** Media and a checkpoint for the live tests, written into a test's temporary folder. */
public final class LiveClips {
    public static final double FPS = 25;

    private LiveClips() {}

    /** The synthetic corpus' clips of one subject (one per class), 3.6 s at 25 fps, 64x64, the voice muxed into each MP4. */
    public static SynthCorpus corpus(Path dir, long seed) throws IOException {
        return CorpusGenerator.generate(dir, SynthConfig.defaults().withSubjects(1).withClipsPerClass(1).withClipSeconds(3.6)
                .withFrameSize(64, 64).withSeed(seed).withAudioInVideo(true));
    }

    /** An untrained model of {@code spec} ({@link TestCheckpoints#PROPOSED}: tiny, window fusion, class maps), saved as training saves one. */
    public static Path checkpoint(Path dir, String spec) throws IOException {
        Files.createDirectories(dir);
        return TestCheckpoints.save(TestCheckpoints.model(spec, 5), dir.resolve("model.safetensors"));
    }

    /**
     * A plain MP4 of {@code seconds} of a moving square, with a 300 Hz tone for its first {@code soundSeconds}
     * (no sound track at all when that is negative).
     */
    public static Path clip(Path file, double seconds, double soundSeconds) throws IOException {
        AudioClip sound = null;
        if (soundSeconds >= 0) {
            float[] tone = new float[(int) Math.round(soundSeconds * 16000)];
            for (int i = 0; i < tone.length; i++) tone[i] = (float) (0.4 * Math.sin(2 * Math.PI * 300 * i / 16000.0));
            sound = new AudioClip(tone, 16000);
        }
        try (VideoWriter out = VideoWriter.create(file, 64, 64, FPS, VideoEncoder.best(), sound)) {
            for (int k = 0; k < Math.round(seconds * FPS); k++) {
                BufferedImage frame = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = frame.createGraphics();
                g.setColor(new Color(90, 120, 150));
                g.fillRect(0, 0, 64, 64);
                g.setColor(Color.ORANGE);
                g.fillRect(k % 48, 20, 16, 16);
                g.dispose();
                out.write(frame);
            }
            out.finish();
        }
        return file;
    }
}
