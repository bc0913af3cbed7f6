package tandem.emotion.model;

/**
 * What the model is fed per sub-segment: {@code frames} video frames of {@code height x width} sampled from the
 * sub-segment's {@code segmentFrames} frames, and an MFCC matrix (mfcc x mfccFrames) of the same span of audio,
 * computed at {@code sampleRate} with librosa's definitions ({@code nFft}, {@code hop}, 128 mel bands, centred frames)
 * and centre-cropped or zero-padded to {@code mfccFrames}.
 */
public record InputSpec(int segmentFrames, int frames, int height, int width, int mfcc, int mfccFrames,
                        int sampleRate, int nFft, int hop) {
    /** The paper's sub-segment: 30 frames (1.2 s at 25 fps). */
    public static final int SEGMENT_FRAMES = 30;

    public InputSpec {
        if (segmentFrames < 1 || frames < 1 || frames > segmentFrames || height < 1 || width < 1 || mfcc < 1 || mfccFrames < 1
                || sampleRate < 1 || nFft < 2 || hop < 1) {
            throw new IllegalArgumentException("bad input spec " + this);
        }
    }

    public int videoLength() { return 3 * frames * height * width; }

    public int audioLength() { return mfcc * mfccFrames; }

    public int[] videoShape(int batch) { return new int[] {batch, 3, frames, height, width}; }

    public int[] audioShape(int batch) { return new int[] {batch, mfcc, mfccFrames}; }
}
