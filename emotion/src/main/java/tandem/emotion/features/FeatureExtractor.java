package tandem.emotion.features;

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

    /** All sub-segments of every clip, in manifest order, with their features. */
    public List<Sample> extract(Manifest manifest, IntConsumer progress) throws IOException {
        List<Sample> out = new ArrayList<>();
        List<ManifestEntry> entries = manifest.entries();
        for (int i = 0; i < entries.size(); i++) {
            out.addAll(extractClip(i, entries.get(i)));
            if (progress != null) progress.accept(i + 1);
        }
        return out;
    }

    public List<Sample> extractClip(int clipIndex, ManifestEntry e) throws IOException {
        String what = "clip '" + e.clip() + "' (" + e.video().getFileName() + ")";
        Path audioPath = e.audio().orElse(e.video());     // from-video: the video's own sound track
        return extractSpan(what, clipIndex, e.video(), audioPath, e.start(), e.end(), e.label().ordinal(), e.subject());
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
            double duration = video.durationSeconds();
            double start = spanStart.orElse(0), end = checkedEnd(what, spanEnd.orElse(duration), duration);
            requireAudio(audioPath, samples.length, spec.nFft(), spec.sampleRate());
            List<SubSegment> segments = SubSegmenter.cut(what, clipIndex, video.fps(), start, end, spec.segmentFrames(),
                    label, subject);
            for (SubSegment s : segments) {
                float[] v = sampler.sample(video, s.start(), s.end());
                float[] a = audioFeatures(samples, s.start(), s.end());
                requireFinite(v, what + " video sub-segment " + s.index());
                requireFinite(a, what + " (" + audioPath.getFileName() + ") MFCC of sub-segment " + s.index());
                out.add(new Sample(v, a, s.label(), s));
            }
        }
        return out;
    }

    /** Up to this much past the video's end, an annotated end is taken as the end (rounding in an export). */
    static final double END_SLACK_S = 1.0;

    /**
     * The span's end checked against the video before any loop runs over it: a little past the end is clamped to it,
     * further is refused (an end of 1e300 s would otherwise cut sub-segments until memory ran out).
     */
    static double checkedEnd(String what, double end, double duration) throws IOException {
        if (end <= duration) return end;
        if (end <= duration + END_SLACK_S) return duration;
        throw new IOException(what + ": the annotated end " + end + " s is past the video's end (" + String.format(java.util.Locale.ROOT,
                "%.3f", duration) + " s); fix the manifest's end column");
    }

    /**
     * Audio shorter than one MFCC window holds no frame of sound to learn from: refused by file rather than padded into
     * silence (an empty or one-sample WAV would otherwise pass unnoticed).
     */
    static void requireAudio(Path audio, int samples, int window, int sampleRate) throws IOException {
        if (samples < window) {
            throw new IOException(audio.getFileName() + ": " + (samples == 0 ? "holds no audio samples" : "holds only " + samples + " audio sample"
                    + (samples == 1 ? "" : "s")) + ", fewer than one MFCC window (" + window + " samples at " + sampleRate + " Hz)");
        }
    }

    /** MFCC (mfcc, mfccFrames) of [start, end) seconds, centre-cropped or zero-padded in time. */
    float[] audioFeatures(float[] samples, double start, double end) {
        int from = (int) Math.round(start * spec.sampleRate()), to = (int) Math.round(end * spec.sampleRate());
        float[] span = new float[Math.max(0, to - from)];
        for (int i = 0; i < span.length; i++) {
            int j = from + i;
            span[i] = j >= 0 && j < samples.length ? samples[j] : 0f;   // past the end of the track: silence
        }
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
