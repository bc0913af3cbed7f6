package tandem.emotion.importer;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tandem.emotion.audio.AudioClip;
import tandem.emotion.audio.WavWriter;
import tandem.emotion.video.VideoEncoder;
import tandem.emotion.video.VideoWriter;

/**
 * Real, tiny media for corpus trees: a 32x32 MP4 at 25 fps with an AAC sound track and a 16 kHz WAV, both of
 * {@code seconds}, whose colour and pitch depend on {@code variant}; {@link #copy} puts them under corpus file names.
 */
public record TinyMedia(Path mp4, Path wav) {
    public static final int SIZE = 32, FPS = 25, RATE = 16000;

    public static TinyMedia write(Path dir, int variant, double seconds) throws IOException {
        Files.createDirectories(dir);
        int frames = (int) Math.round(seconds * FPS), samples = (int) Math.round(seconds * RATE);
        float[] sound = new float[samples];
        double hz = 150 + 40 * variant;
        for (int i = 0; i < samples; i++) sound[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / RATE));
        Path mp4 = dir.resolve("tiny-" + variant + ".mp4"), wav = dir.resolve("tiny-" + variant + ".wav");
        try (VideoWriter w = VideoWriter.create(mp4, SIZE, SIZE, FPS, VideoEncoder.best(), new AudioClip(sound, RATE))) {
            for (int f = 0; f < frames; f++) w.write(frame(variant, f));
            w.finish();
        }
        WavWriter.writePcm16(wav, sound, RATE);
        return new TinyMedia(mp4, wav);
    }

    private static BufferedImage frame(int variant, int index) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.getHSBColor(variant / 8f, 0.7f, 0.8f));
        g.fillRect(0, 0, SIZE, SIZE);
        g.setColor(Color.WHITE);
        g.fillRect(index % (SIZE - 8), SIZE / 2, 8, 8);
        g.dispose();
        return image;
    }

    /** Copies {@code source} to {@code target}, creating its folders; returns the target. */
    public static Path copy(Path source, Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        return Files.copy(source, target);
    }
}
