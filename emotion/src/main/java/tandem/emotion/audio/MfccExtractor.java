package tandem.emotion.audio;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Audio segment to MFCC in one call: read, resample to the feature rate, crop, compute.
 *
 * <p>The crop is taken on the resampled signal's time grid: it starts at sample
 * round(start * rate) and holds round(duration * rate) samples, so a 2.45 s crop at 44.1 kHz is
 * always 108045 samples and 212 frames. A crop that runs past the end of the audio is zero-padded;
 * one that holds no audio at all is refused.
 */
public final class MfccExtractor {

    private MfccExtractor() {}

    /** MFCC with librosa's defaults at targetRate: (13, 1 + round(duration * targetRate) / 512). */
    public static float[][] fromFile(Path wav, double startSec, double durationSec, int targetRate) throws IOException {
        return fromFile(wav, startSec, durationSec, MfccConfig.librosaDefaults(targetRate));
    }

    /** MFCC of the crop, computed at config.sampleRate(). */
    public static float[][] fromFile(Path wav, double startSec, double durationSec, MfccConfig config) throws IOException {
        AudioClip clip = WavReader.read(wav);
        return new Mfcc(config).compute(crop(clip, startSec, durationSec, config.sampleRate(), wav.toString()));
    }

    /** MFCC of a crop of audio already decoded (from a video's sound track, say). */
    public static float[][] fromClip(AudioClip clip, double startSec, double durationSec, MfccConfig config) {
        return new Mfcc(config).compute(crop(clip, startSec, durationSec, config.sampleRate(), "audio clip"));
    }

    /**
     * The crop [start, start + duration) of the clip, resampled to targetRate. Only the requested
     * samples are computed, so cropping a short segment out of a long recording stays cheap.
     *
     * @param source names the audio in error messages
     */
    public static float[] crop(AudioClip clip, double startSec, double durationSec, int targetRate, String source) {
        if (!(startSec >= 0) || Double.isInfinite(startSec)) {
            throw new IllegalArgumentException(source + ": crop start " + startSec + " s must be a finite number >= 0");
        }
        if (!(durationSec > 0) || Double.isInfinite(durationSec)) {
            throw new IllegalArgumentException(source + ": crop duration " + durationSec + " s must be a finite number > 0");
        }
        Resampler resampler = new Resampler(clip.sampleRate(), targetRate);
        long available = resampler.outputLength(clip.length());
        long first = Math.round(startSec * targetRate);
        long count = Math.round(durationSec * targetRate);
        if (count == 0 || first >= available) {
            throw new IllegalArgumentException(String.format(
                    "%s: the crop from %.3f s to %.3f s is empty: the audio lasts %.3f s", source, startSec,
                    startSec + durationSec, clip.durationSeconds()));
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(source + ": crop of " + durationSec + " s is too long");
        }
        return resampler.apply(clip.samples(), first, (int) count);
    }
}
