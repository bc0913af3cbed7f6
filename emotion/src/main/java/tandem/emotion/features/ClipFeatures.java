package tandem.emotion.features;

import java.util.List;

/**
 * A clip's sub-segments, with what the padding rule needs to be reported: how many frames the clip's span held, at
 * what rate (for sound alone, {@link FeatureExtractor#AUDIO_ONLY_FPS}) and for how many seconds, and whether its one
 * sub-segment was padded.
 */
public record ClipFeatures(List<Sample> samples, long spanFrames, double fps, double spanSeconds, boolean padded) {
    public ClipFeatures {
        samples = List.copyOf(samples);
    }
}
