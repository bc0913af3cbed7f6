package tandem.emotion.features;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.IntConsumer;
import tandem.emotion.audio.AudioClip;
import tandem.emotion.audio.Mfcc;
import tandem.emotion.audio.MfccConfig;
import tandem.emotion.audio.Resampler;
import tandem.emotion.data.LabelSet;
import tandem.emotion.data.Manifest;
import tandem.emotion.data.ManifestEntry;
import tandem.emotion.model.InputSpec;
import tandem.emotion.model.Modality;
import tandem.emotion.protocol.SubSegment;
import tandem.emotion.protocol.SubSegmenter;
import tandem.emotion.video.AudioFileReader;
import tandem.emotion.video.AudioTrackReader;
import tandem.emotion.video.ClipSampler;
import tandem.emotion.video.FrameSource;
import tandem.emotion.video.MediaFileException;

/**
 * Turns a manifest into samples: each clip's annotated span is cut into sub-segments, and every sub-segment becomes a
 * video tensor (through {@link ClipSampler}) and an MFCC matrix of the same span of audio (from the audio file through
 * {@link AudioFileReader}, or for {@code from-video} from the video's own track through {@link AudioTrackReader}).
 * Media are opened once per clip, the video first. Any problem (missing or corrupt file, too short a clip, NaN in the
 * features) names the clip and the file.
 */
public final class FeatureExtractor {
    /**
     * The frame rate that times an audio-only clip without a video: the synthetic corpus' (and PAL's), so a
     * sub-segment is the same 1.2 s of sound it is in training.
     */
    public static final double AUDIO_ONLY_FPS = FrameSource.DEFAULT_FOLDER_FPS;

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
        return extractSpan(what, clipIndex, e.video(), audioPath, e.start(), e.end(), label, e.subject(), true, false).samples();
    }

    /**
     * All sub-segments of a whole unannotated file, for prediction: label -1, no subject. The video and the audio are
     * read exactly as for training; an {@code audioPath} equal to {@code videoPath} means the video's sound track.
     * A clip shorter than one sub-segment is padded to one, as {@link #extractFile(Path, Path, OptionalDouble,
     * OptionalDouble, Modality)} describes.
     */
    public List<Sample> extractFile(Path videoPath, Path audioPath) throws IOException {
        return extractFile(videoPath, audioPath, OptionalDouble.empty(), OptionalDouble.empty(), Modality.BOTH).samples();
    }

    /**
     * The sub-segments of {@code [start, end)} of a clip (the whole clip when empty) for prediction, reading only what
     * a model of {@code modality} uses: label -1, no subject, and {@code null} features for the modality it does not
     * read. {@code videoPath} (a file or a frames folder) times the sub-segments; it may be null for an audio-only
     * model, which then cuts its audio into sub-segments of {@value #AUDIO_ONLY_FPS}-fps frames. {@code audioPath} (any
     * file {@link AudioFileReader} reads, or the video itself for its sound track) may be null for a video-only model.
     *
     * <p><b>Short clips.</b> A clip with fewer frames than one sub-segment (but at least one) becomes one padded
     * sub-segment: its last frame is repeated up to the sub-segment's length, and its audio after the clip's end is
     * silence. Training never pads ({@link #extract}).
     */
    public ClipFeatures extractFile(Path videoPath, Path audioPath, OptionalDouble start, OptionalDouble end, Modality modality)
            throws IOException {
        if (videoPath == null && (modality.usesVideo() || audioPath == null)) {
            throw new IllegalArgumentException("a model with modality=" + modality.key() + " needs a video"
                    + (modality.usesVideo() ? "" : " or an audio file"));
        }
        if (audioPath == null && modality.usesAudio() && videoPath != null) {
            throw new IllegalArgumentException("clip " + videoPath.getFileName() + ": a model with modality=" + modality.key()
                    + " needs audio");
        }
        Path named = videoPath != null ? videoPath : audioPath;
        return extractSpan("clip " + named.getFileName(), 0, videoPath, modality.usesAudio() ? audioPath : null, start, end, -1, "",
                modality.usesVideo(), true);
    }

    /**
     * The video is opened first, so an unreadable one is named as the problem. {@code readVideo} false only times the
     * sub-segments by it; a null {@code audioPath} leaves the audio features null; {@code pad} allows one padded
     * sub-segment for a clip shorter than one.
     */
    private ClipFeatures extractSpan(String what, int clipIndex, Path videoPath, Path audioPath, OptionalDouble spanStart,
                                     OptionalDouble spanEnd, int label, String subject, boolean readVideo, boolean pad)
            throws IOException {
        List<Sample> out = new ArrayList<>();
        try (FrameSource video = videoPath == null ? null : FrameSource.open(videoPath)) {
            float[] samples = audioPath == null ? null : resampled(AudioFileReader.read(audioPath));
            double fps = video != null ? video.fps() : AUDIO_ONLY_FPS;
            double start = spanStart.orElse(0);
            double duration = video != null ? video.durationSeconds() : samples.length / (double) spec.sampleRate();
            double end = checkedEnd(what, spanEnd.orElse(duration), duration);
            if (samples != null) requireAudio(audioPath, samples.length, spec.nFft(), spec.sampleRate());
            List<SubSegment> segments = pad
                    ? SubSegmenter.cutOrPad(what, clipIndex, fps, start, end, spec.segmentFrames(), label, subject)
                    : SubSegmenter.cut(what, clipIndex, fps, start, end, spec.segmentFrames(), label, subject);
            long spanFrames = SubSegmenter.framesIn(fps, start, end);
            boolean padded = pad && spanFrames < spec.segmentFrames();      // its one sub-segment runs past the clip's end
            for (SubSegment s : segments) {
                float[] v = !readVideo ? null : padded ? paddedVideoFeatures(video, s.start(), end) : sampler.sample(video, s.start(), s.end());
                float[] a = samples == null ? null : audioFeatures(samples, s.start(), s.end(), Math.min(s.end(), end));
                if (v != null) requireFinite(v, what + " video sub-segment " + s.index());
                if (a != null) requireFinite(a, what + " (" + audioPath.getFileName() + ") MFCC of sub-segment " + s.index());
                out.add(new Sample(v, a, s.label(), s));
            }
            return new ClipFeatures(out, spanFrames, fps, end - start, padded);
        }
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

    private float[] resampled(AudioClip audio) {
        return audio.sampleRate() == spec.sampleRate() ? audio.samples()
                : Resampler.resample(audio.samples(), audio.sampleRate(), spec.sampleRate());
    }

    /** (3, T, H, W) of the frames in [start, end) with the last one repeated up to a whole sub-segment. */
    private float[] paddedVideoFeatures(FrameSource video, double start, double end) throws IOException {
        List<BufferedImage> frames = video.readFrames(start, end);
        if (frames.isEmpty()) {
            throw new MediaFileException(video.path(), String.format(Locale.ROOT, "holds no frame in [%.3f, %.3f) s", start, end));
        }
        List<BufferedImage> padded = new ArrayList<>(frames);
        while (padded.size() < spec.segmentFrames()) padded.add(frames.get(frames.size() - 1));
        return sampler.sample(padded);
    }

    /**
     * One window of a stream as model input, prepared exactly as a sub-segment of a file is: {@code frames} are the
     * window's decoded frames (at least the spec's frame count; sampled uniformly, cropped, resized, normalised) and
     * {@code audioSpan} its sound at the spec's rate, as {@link #audioSpan} cuts it. {@code what} names the window in
     * errors (NaN or infinite features).
     */
    public Sample window(List<BufferedImage> frames, float[] audioSpan, SubSegment segment, String what) throws IOException {
        float[] video = sampler.sample(frames), audio = audioFeatures(audioSpan);
        requireFinite(video, what + " video");
        requireFinite(audio, what + " MFCC");
        return new Sample(video, audio, segment.label(), segment);
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

    /** MFCC (mfcc, mfccFrames) of [start, end) seconds of a whole track, centre-cropped or zero-padded in time. */
    float[] audioFeatures(float[] samples, double start, double end) {
        return audioFeatures(samples, start, end, end);
    }

    /** As {@link #audioFeatures(float[], double, double)}, with silence from {@code contentEnd} seconds on (a padded clip). */
    float[] audioFeatures(float[] samples, double start, double end, double contentEnd) {
        float[] span = audioSpan(samples, 0, start, end, spec.sampleRate());
        long from = Math.round(start * spec.sampleRate()), last = Math.round(contentEnd * spec.sampleRate());
        for (int i = (int) Math.max(0, Math.min(span.length, last - from)); i < span.length; i++) span[i] = 0f;   // past the clip: silence
        return audioFeatures(span);
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
