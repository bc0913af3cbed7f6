package tandem.emotion.explain;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tandem.emotion.audio.AudioClip;
import tandem.emotion.model.InputSpec;
import tandem.emotion.protocol.SubSegment;
import tandem.emotion.video.AudioFileReader;
import tandem.emotion.video.ClipSampler;
import tandem.emotion.video.FrameSource;

/**
 * What one explained sub-segment looks and sounds like, on the sub-segment's own time axis: its decoded frames, its
 * sound, and the MFCC matrix the model was fed (the sample's audio input).
 *
 * @param segment the sub-segment, seconds within the clip
 * @param frames  every decoded frame of the sub-segment
 * @param sound   the samples of [start, end) of the audio (the WAV, or the video's own track), at {@code sampleRate}
 * @param mfcc    (coefficients, steps): the model's audio input for this sub-segment
 */
record ClipMedia(SubSegment segment, List<BufferedImage> frames, float[] sound, int sampleRate, double[][] mfcc) {

    /** Reads the frames and the sound of {@code e}'s sub-segment; {@code audio} may be a WAV, any audio file FFmpeg decodes, or the clip itself (its sound track). */
    static ClipMedia load(Explanation e, Path clip, Path audio) throws IOException {
        SubSegment s = e.sample().segment();
        List<BufferedImage> frames;
        try (FrameSource reader = FrameSource.open(clip)) {
            frames = reader.readFrames(s.start(), s.end());
        }
        AudioClip sound = AudioFileReader.read(audio);
        int from = (int) Math.round(s.start() * sound.sampleRate()), to = (int) Math.round(s.end() * sound.sampleRate());
        float[] span = new float[Math.max(0, to - from)];
        float[] all = sound.samples();
        for (int i = 0; i < span.length; i++) span[i] = from + i < all.length ? all[from + i] : 0f;   // past the end: silence
        InputSpec in = e.trained().input();
        float[] m = e.sample().audio();
        double[][] mfcc = new double[in.mfcc()][in.mfccFrames()];
        for (int c = 0; c < in.mfcc(); c++) for (int t = 0; t < in.mfccFrames(); t++) mfcc[c][t] = m[c * in.mfccFrames() + t];
        return new ClipMedia(s, frames, span, sound.sampleRate(), mfcc);
    }

    /** The {@code n} frames picked as the model picks its input frames ({@link ClipSampler#uniformIndices}). */
    List<BufferedImage> picked(int n) {
        List<BufferedImage> out = new ArrayList<>();
        for (int i : ClipSampler.uniformIndices(frames.size(), Math.min(n, frames.size()))) out.add(frames.get(i));
        return out;
    }

    /** The frame at the centre of each of {@code steps} time steps, among the {@code inputFrames} frames the model was fed. */
    List<BufferedImage> atSteps(int inputFrames, int steps) {
        List<BufferedImage> input = picked(inputFrames), out = new ArrayList<>();
        for (int i : ClipSampler.uniformIndices(input.size(), steps)) out.add(input.get(i));
        return out;
    }

    /** The sound's lowest and highest sample in each of {@code buckets} equal spans of time: {min[], max[]}. */
    double[][] envelope(int buckets) {
        double[] min = new double[buckets], max = new double[buckets];
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * sound.length / buckets), to = Math.max(from + 1, (int) ((long) (b + 1) * sound.length / buckets));
            double lo = 0, hi = 0;
            for (int i = from; i < Math.min(to, sound.length); i++) {
                lo = Math.min(lo, sound[i]);
                hi = Math.max(hi, sound[i]);
            }
            min[b] = lo;
            max[b] = hi;
        }
        return new double[][] {min, max};
    }
}
