package tandem.emotion.synth;

import tandem.nn.io.AtomicFiles;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;


/** Writes mono 16-bit PCM WAV files through {@code javax.sound.sampled}, atomically. */
final class WavFiles {
    private WavFiles() {}

    /** Samples in [-1, 1] (clamped) to 16-bit little-endian PCM. */
    static void writeMono16(Path target, float[] samples, int sampleRate) throws IOException {
        byte[] pcm = new byte[2 * samples.length];
        for (int i = 0; i < samples.length; i++) {
            int v = (int) Math.round(Math.max(-1f, Math.min(1f, samples[i])) * 32767);
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        AudioFormat format = new AudioFormat(sampleRate, 16, 1, true, false);
        AtomicFiles.writeVia(target, temp -> {
            try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, samples.length)) {
                AudioSystem.write(in, AudioFileFormat.Type.WAVE, temp.toFile());
            }
        });
    }
}
