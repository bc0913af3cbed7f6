package tandem.emotion.model;

import java.util.List;
import tandem.emotion.model.backbone.VideoPreset;

/**
 * Sizes of a whole model and its inputs: the video branch ({@link VideoPreset}, with the clip's frames and pixels)
 * and the MFCC input of the audio branch (coefficients x frames).
 */
public record ModelPreset(String name, VideoPreset video, int mfccCoefficients, int audioFrames) {
    /** MSAF's RAVDESS network: 3x30x224x224 clips, 13 MFCC x 212 frames (2.45 s at 44.1 kHz, hop 512). */
    public static final ModelPreset RAVDESS = new ModelPreset("ravdess", VideoPreset.RAVDESS, 13, 212);
    public static final ModelPreset SMALL = new ModelPreset("small", VideoPreset.SMALL, 13, 212);
    public static final ModelPreset TINY = new ModelPreset("tiny", VideoPreset.TINY, 13, 212);

    public static final List<ModelPreset> ALL = List.of(RAVDESS, SMALL, TINY);

    public ModelPreset {
        if (mfccCoefficients < 1 || audioFrames < 1) {
            throw new IllegalArgumentException("preset " + name + ": MFCC sizes must be positive, got " + mfccCoefficients + " x " + audioFrames);
        }
    }

    public static ModelPreset byName(String name) {
        for (ModelPreset p : ALL) if (p.name.equals(name)) return p;
        throw new IllegalArgumentException("unknown preset '" + name + "'; known: " + String.join(", ", ALL.stream().map(ModelPreset::name).toList()));
    }

    /** The same preset with other input sizes (clip frames and pixels, MFCC frames). */
    public ModelPreset withInput(int videoFrames, int videoSize, int audioFrames) {
        VideoPreset v = new VideoPreset(video.name(), video.stemChannels(), video.width(), video.cardinality(), video.layers(), videoFrames, videoSize);
        return new ModelPreset(name, v, mfccCoefficients, audioFrames);
    }

    /** One clip's video input without the batch axis: (3, T, H, W). */
    public int[] videoShape() { return video.inputShape(); }

    /** One clip's audio input without the batch axis: (coefficients, frames). */
    public int[] audioShape() { return new int[] {mfccCoefficients, audioFrames}; }
}
