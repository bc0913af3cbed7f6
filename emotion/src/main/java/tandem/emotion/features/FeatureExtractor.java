package tandem.emotion.features;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.IntConsumer;
import tandem.emotion.audio.AudioClip;
import tandem.emotion.audio.Mfcc;
import tandem.emotion.audio.MfccConfig;
import tandem.emotion.audio.Resampler;
import tandem.emotion.audio.WavReader;
import tandem.emotion.data.LabelSet;
import tandem.emotion.data.Manifest;
import tandem.emotion.data.ManifestEntry;
import tandem.emotion.model.InputSpec;
import tandem.emotion.protocol.SubSegment;
import tandem.emotion.protocol.SubSegmenter;
import tandem.emotion.video.AudioTrackReader;
import tandem.emotion.video.ClipSampler;
import tandem.emotion.video.FrameSource;

/**
 * Turns a manifest into samples: each clip's annotated span is cut into sub-segments, and every sub-segment becomes a
 * video tensor (through {@link ClipSampler}) and an MFCC matrix of the same span of audio (from the WAV, or for
 * {@code from-video} from the video's own track through {@link AudioTrackReader}). Media are opened once per
 * clip. Any problem (missing or corrupt file, too short a clip, NaN in the features) names the clip and the file.
 */
public final class FeatureExtractor {
    private final InputSpec spec;
    private final ClipSampler sampler;
    private final Mfcc mfcc;

    public FeatureExtractor(InputSpec spec) {
        this.spec = spec;
        this.sampler = new ClipSampler(spec.frames(), spec.height(), spec.width());
        MfccConfig base = MfccConfig.librosaDefaults(spec.sampleRate());
        this.mfcc = new Mfcc(new MfccConfig(spec.sampleRate(), spec.mfcc(), spec.nFft(), spec.hop(), base.nMels(),
                base.fMin(), base.fMax(), base.topDb()));
    }

    public InputSpec spec() { return spec; }

    /**
     * All sub-segments of every clip, in manifest order, with their features; each sample's label is the index of its
     * clip's label in {@code classes} (every label of the manifest must be one of them).
     */
    public List<Sample> extract(Manifest manifest, LabelSet classes, IntConsumer progress) throws IOException {
        List<Sample> out = new ArrayList<>();
        List<ManifestEntry> entries = manifest.entries();
        for (int i = 0; i < entries.size(); i++) {
            out.addAll(extractClip(i, entries.get(i), classes.indexOf(entries.get(i).label())));
            if (progress != null) progress.accept(i + 1);
        }
        return out;
    }

    /** The clip's sub-segments with their features, labelled -1 (no class index). */
    public List<Sample> extractClip(int clipIndex, ManifestEntry e) throws IOException {
        return extractClip(clipIndex, e, -1);
    }

    /** The clip's sub-segments with their features, each labelled {@code label} (a class index). */
    public List<Sample> extractClip(int clipIndex, ManifestEntry e, int label) throws IOException {
        String what = "clip '" + e.clip() + "' (" + e.video().getFileName() + ")";
        Path audioPath = e.audio().orElse(e.video());     // from-video: the video's own sound track
        return extractSpan(what, clipIndex, e.video(), audioPath, e.start(), e.end(), label, e.subject());
    }

    /**
     * All sub-segments of a whole unannotated file, for prediction: label -1, no subject. The video and the WAV are
     * read exactly as for training; an {@code audioPath} equal to {@code videoPath} means the video's sound track.
     */
    public List<Sample> extractFile(Path videoPath, Path audioPath) throws IOException {
        String what = "clip " + videoPath.getFileName();
        return extractSpan(what, 0, videoPath, audioPath, OptionalDouble.empty(), OptionalDouble.empty(), -1, "");
    }

    private List<Sample> extractSpan(String what, int clipIndex, Path videoPath, Path audioPath, OptionalDouble spanStart,
                                     OptionalDouble spanEnd, int label, String subject) throws IOException {
        AudioClip audio = audioPath.equals(videoPath) ? AudioTrackReader.read(videoPath) : WavReader.read(audioPath);
        float[] samples = audio.sampleRate() == spec.sampleRate() ? audio.samples()
                : Resampler.resample(audio.samples(), audio.sampleRate(), spec.sampleRate());
        List<Sample> out = new ArrayList<>();
        try (FrameSource video = FrameSource.open(videoPath)) {
            double start = spanStart.orElse(0), end = spanEnd.orElse(video.durationSeconds());
            List<SubSegment> segments = SubSegmenter.cut(what, clipIndex, video.fps(), start, end, spec.segmentFrames(),
                    label, subject);
            for (SubSegment s : segments) {
                float[] v = sampler.sample(video, s.start(), s.end());
                float[] span = audioSpan(samples, 0, s.start(), s.end(), spec.sampleRate());
                out.add(sample(v, span, s, what + " video sub-segment " + s.index(),
                        what + " (" + audioPath.getFileName() + ") MFCC of sub-segment " + s.index()));
            }
        }
        return out;
    }

    /**
     * One window of a stream as model input, prepared exactly as a sub-segment of a file is: {@code frames} are the
     * window's decoded frames (at least the spec's frame count; sampled uniformly, cropped, resized, normalised) and
     * {@code audioSpan} its sound at the spec's rate, as {@link #audioSpan} cuts it. {@code what} names the window in
     * errors (NaN or infinite features).
     */
    public Sample window(List<BufferedImage> frames, float[] audioSpan, SubSegment segment, String what) throws IOException {
        return sample(sampler.sample(frames), audioSpan, segment, what + " video", what + " MFCC");
    }

    private Sample sample(float[] video, float[] audioSpan, SubSegment s, String videoWhat, String audioWhat) throws IOException {
        float[] audio = audioFeatures(audioSpan);
        requireFinite(video, videoWhat);
        requireFinite(audio, audioWhat);
        return new Sample(video, audio, s.label(), s);
    }

    /**
     * The samples of [start, end) seconds at {@code rate}: round(end * rate) - round(start * rate) of them from index
     * round(start * rate), where {@code samples[0]} is sample {@code firstIndex} of the track. Indices outside the array
     * are silence (before the track starts or past its end).
     */
    public static float[] audioSpan(float[] samples, long firstIndex, double start, double end, int rate) {
        long from = Math.round(start * rate), to = Math.round(end * rate);
        float[] span = new float[(int) Math.max(0, to - from)];
        for (int i = 0; i < span.length; i++) {
            long j = from + i - firstIndex;
            span[i] = j >= 0 && j < samples.length ? samples[(int) j] : 0f;
        }
        return span;
    }

    /** MFCC (mfcc, mfccFrames) of a span of audio at the spec's rate, centre-cropped or zero-padded in time. */
    float[] audioFeatures(float[] span) {
        float[][] m = mfcc.compute(span);                                // (mfcc, frames)
        int frames = m[0].length, target = spec.mfccFrames();
        float[] out = new float[spec.mfcc() * target];
        int offset = (frames - target) / 2;                              // > 0 crops, < 0 pads both sides
        for (int c = 0; c < spec.mfcc(); c++) {
            for (int t = 0; t < target; t++) {
                int src = t + offset;
                out[c * target + t] = src >= 0 && src < frames ? m[c][src] : 0f;
            }
        }
        return out;
    }

    static void requireFinite(float[] values, String what) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IOException(what + ": feature " + i + " is " + values[i] + " (NaN or infinite)");
            }
        }
    }
}
