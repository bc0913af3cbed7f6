package tandem.emotion.synth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** Independent measurements on written WAV files: what a listener (or an MFCC front end) would get. */
final class AudioMeasures {
    private AudioMeasures() {}

    record Wav(AudioFormat format, float[] samples) {}

    static Wav read(Path file) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            byte[] bytes = in.readAllBytes();
            float[] samples = new float[bytes.length / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) ((bytes[2 * i] & 0xff) | bytes[2 * i + 1] << 8) / 32768f;
            }
            return new Wav(in.getFormat(), samples);
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(file + ": not a WAV file", e);
        }
    }

    static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += x[i] * x[i];
        return Math.sqrt(s / Math.max(1, to - from));
    }

    /**
     * Median autocorrelation pitch over the loud 40 ms frames, searching 150 .. 600 Hz; the first
     * peak within 85 % of the best one wins, which avoids picking a multiple of the period.
     */
    static double medianPitchHz(float[] x, int sampleRate) {
        int frame = (int) (0.04 * sampleRate);
        int minLag = sampleRate / 600;
        int maxLag = sampleRate / 150;
        double loudest = 0;
        for (int f = 0; f + frame <= x.length; f += frame) loudest = Math.max(loudest, rms(x, f, f + frame));
        List<Double> pitches = new ArrayList<>();
        for (int f = 0; f + frame + maxLag <= x.length; f += frame) {
            if (rms(x, f, f + frame) < 0.5 * loudest) continue;
            double[] r = new double[maxLag + 1];
            double best = 0;
            for (int lag = minLag; lag <= maxLag; lag++) {
                double s = 0;
                for (int i = f; i < f + frame; i++) s += x[i] * x[i + lag];
                r[lag] = s;
                best = Math.max(best, s);
            }
            for (int lag = minLag + 1; lag < maxLag; lag++) {
                if (r[lag] >= 0.85 * best && r[lag] >= r[lag - 1] && r[lag] >= r[lag + 1]) {
                    pitches.add((double) sampleRate / lag);
                    break;
                }
            }
        }
        Collections.sort(pitches);
        return pitches.isEmpty() ? 0 : pitches.get(pitches.size() / 2);
    }
}
