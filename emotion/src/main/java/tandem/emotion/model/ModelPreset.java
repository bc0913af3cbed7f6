package tandem.emotion.model;

import java.util.List;
import tandem.emotion.model.backbone.VideoPreset;

/**
 * Sizes of a whole model and its inputs: the video branch ({@link VideoPreset}, with the clip's frames and pixels)
 * and the MFCC input of the audio branch (coefficients x frames), computed at {@code sampleRate} with an
 * {@code nFft}-point STFT and hop {@code hop}.
 */
public record ModelPreset(String name, VideoPreset video, int mfccCoefficients, int audioFrames, int sampleRate, int nFft, int hop) {
    /** MSAF's RAVDESS network: 3x30x224x224 clips, 13 MFCC x 212 frames (2.45 s at 44.1 kHz, n_fft 2048, hop 512). */
    public static final ModelPreset RAVDESS = new ModelPreset("ravdess", VideoPreset.RAVDESS, 13, 212, 44100, 2048, 512);
    /**
     * Smaller networks for a few CPU cores. Their audio covers one 30-frame sub-segment (1.2 s at 25 fps) at 16 kHz
     * with half of librosa's window and hop (n_fft 1024, hop 256): 76 frames, the same time resolution per second as
     * MSAF's 212 frames over 2.45 s at 44.1 kHz would give at 16 kHz with hop 256.
     */
    public static final ModelPreset SMALL = new ModelPreset("small", VideoPreset.SMALL, 13, 76, 16000, 1024, 256);
    public static final ModelPreset TINY = new ModelPreset("tiny", VideoPreset.TINY, 13, 76, 16000, 1024, 256);

    public static final List<ModelPreset> ALL = List.of(RAVDESS, SMALL, TINY);

    public ModelPreset {
        if (sampleRate < 1 || nFft < 2 || hop < 1) {
            throw new IllegalArgumentException("preset " + name + ": audio front end needs positive rate, n_fft and hop");
        }
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
        VideoPreset v = new VideoPreset(video.name(), video.stemChannels(), video.width(), video.cardinality(), video.layers(), videoFrames, videoSize, video.timeStride());
        return new ModelPreset(name, v, mfccCoefficients, audioFrames, sampleRate, nFft, hop);
    }

    /** One clip's video input without the batch axis: (3, T, H, W). */
    public int[] videoShape() { return video.inputShape(); }

    /** One clip's audio input without the batch axis: (coefficients, frames). */
    public int[] audioShape() { return new int[] {mfccCoefficients, audioFrames}; }

    /** What the model reads per 30-frame sub-segment: its clip size and its MFCC front end (training and inference alike). */
    public InputSpec input() {
        return new InputSpec(InputSpec.SEGMENT_FRAMES, video.frames(), video.size(), video.size(), mfccCoefficients, audioFrames,
                sampleRate, nFft, hop);
    }
}
