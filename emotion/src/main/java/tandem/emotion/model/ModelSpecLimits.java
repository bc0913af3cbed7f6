package tandem.emotion.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import tandem.emotion.model.backbone.AudioCnn;
import tandem.emotion.model.backbone.ResNeXt3d;
import tandem.emotion.model.fusion.FusionFactory;
import tandem.emotion.model.fusion.FusionOptions;
import tandem.emotion.model.fusion.FusionPoint;
import tandem.emotion.model.fusion.FusionRegistry;

/**
 * The gate every model spec passes, wherever it comes from (the command line, a grid spec, a checkpoint's metadata):
 * every integer key is range-checked before anything is built, and then the model it describes is sized (parameters,
 * activations; see {@link Footprint}) in long arithmetic and held against the memory this JVM may use. An error names
 * the key, the value and the allowed range, or the sizes and the memory. A new integer key is one line in the
 * table below.
 */
public final class ModelSpecLimits {
    /** The values an integer key may take and what it sizes. */
    public record Range(long min, long max, String meaning) {
        public String allowed() { return min + " to " + max; }
    }

    private static final Map<String, Range> RANGES = new LinkedHashMap<>();

    static {
        range("classes", 2, 1000, "the classes the heads score");
        range("video.frames", 1, InputSpec.SEGMENT_FRAMES, "frames the video branch reads from each 30-frame sub-segment");
        range("video.size", 1, 1024, "frame height and width in pixels");
        range("audio.frames", 12, 16384, "MFCC frames per sub-segment; the audio CNN needs at least 12");
        range("fusion.windows", 0, 1024, "time windows of the window fusion (0: its default)");
        range("fusion.dim", 1, 8192, "width of the window fusion's queries, keys and values");
        range("fusion.hidden", 1, 8192, "width of the gated fusion's shared space");
        range("fusion.blockChannels", 1, 4096, "channels per MSAF block");
        range("fusion.blockChannels.mid", 1, 4096, "channels per MSAF block at MID");
        range("fusion.blockChannels.late", 1, 4096, "channels per MSAF block at LATE");
        range("fusion.reduction", 1, 4096, "reduction factor of MSAF's joint layer");
    }

    /** Per parameter while training: the weight, its gradient and Adam's two moments. */
    static final int TRAINING_COPIES = 4;
    /**
     * A training step holds each kept activation, its gradient and the kernels' work buffers: measured by
     * ModelSpecLimitsTest at 3.9 times the activation sum on the tiny preset and 2.2 times on small; 5 leaves room.
     */
    static final int BACKWARD_FACTOR = 5;
    private static final int FLOAT_BYTES = 4;

    private ModelSpecLimits() {}

    private static void range(String key, long min, long max, String meaning) { RANGES.put(key, new Range(min, max, meaning)); }

    /** Every integer key with its range, in the order above. */
    public static Map<String, Range> ranges() { return Collections.unmodifiableMap(RANGES); }

    /** The integer {@code text} given for {@code key}, checked against the key's range. */
    public static int intValue(String key, String text) {
        Range r = RANGES.get(key);
        long v;
        try {
            v = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("model spec: " + key + "=" + text + " is not an integer"
                    + (r == null ? "" : "; allowed: " + r.allowed() + " (" + r.meaning() + ")"));
        }
        requireInRange(key, v);
        return (int) v;
    }

    private static void requireInRange(String key, long v) {
        Range r = RANGES.get(key);
        if (r == null) {
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw new IllegalArgumentException("model spec: " + key + "=" + v + " is not a 32-bit integer");
            return;
        }
        if (v < r.min() || v > r.max()) {
            throw new IllegalArgumentException("model spec: " + key + "=" + v + " is out of range; allowed: " + r.allowed() + " (" + r.meaning() + ")");
        }
    }

    /**
     * Checks a spec's parts before the record holds them: the ranges of its sizes and fusion options, then that one
     * sample's inference fits in memory. Called by {@link ModelSpec}'s constructor, so no spec escapes it.
     */
    static void check(ModelPreset preset, String fusion, String head, int classes, Modality modality, Set<FusionPoint> points,
                      FusionOptions options, HeadOptions headOptions) {
        requireInRange("classes", classes);
        requireInRange("video.frames", preset.video().frames());
        requireInRange("video.size", preset.video().size());
        requireInRange("audio.frames", preset.audioFrames());
        for (var e : options.values().entrySet()) {
            String key = "fusion." + e.getKey();
            if (RANGES.containsKey(key)) intValue(key, e.getValue());
        }
        Footprint f = footprint(preset, fusion, head, classes, modality, points, options, headOptions);
        require(f, 1, false, "model spec (" + preset.name() + ", fusion=" + fusion + ", head=" + head + ", classes=" + classes + ")");
    }

    /**
     * Fails, with the sizes and the memory, unless a model of this spec can run {@code batch} samples at once in this
     * JVM: for inference its weights and twice its largest activation per sample; for training (Adam) four copies of
     * its weights and every kept activation twice over (see {@link Footprint}). An estimate, within a small factor.
     */
    public static void requireMemory(ModelSpec spec, int batch, boolean training, String what) {
        require(footprint(spec), batch, training, what);
    }

    private static void require(Footprint f, int batch, boolean training, String what) {
        long budget = Runtime.getRuntime().maxMemory();
        long needed = bytesNeeded(f, batch, training);
        if (needed > budget) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %s with batch %d needs about %s (%,d parameters; %,d activation"
                            + " values per sample), more than the %s this JVM may use (java -Xmx; TANDEM_HEAP for ./tandem); use a smaller"
                            + " preset, input size, class count or batch", what, training ? "training" : "inference", batch, gib(needed),
                    f.parameters(), training ? f.activations() : f.largest(), gib(budget)));
        }
    }

    /** Bytes a batch needs, saturating at Long.MAX_VALUE rather than overflowing. */
    static long bytesNeeded(Footprint f, int batch, boolean training) {
        try {
            long weights = Math.multiplyExact(f.parameters(), (long) FLOAT_BYTES * (training ? TRAINING_COPIES : 1));
            long perSample = training ? Math.multiplyExact(f.activations(), (long) BACKWARD_FACTOR) : Math.multiplyExact(f.largest(), 2L);
            return Math.addExact(weights, Math.multiplyExact(Math.multiplyExact(perSample, (long) FLOAT_BYTES), (long) batch));
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    private static String gib(long bytes) {
        return bytes == Long.MAX_VALUE ? "more than 8 EiB" : String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }

    /** The footprint of a model of {@code spec}, worked out without building it. */
    public static Footprint footprint(ModelSpec spec) {
        return footprint(spec.preset(), spec.fusion(), spec.head(), spec.classes(), spec.modality(), spec.points(), spec.fusionOptions(),
                spec.headOptions());
    }

    private static Footprint footprint(ModelPreset preset, String fusion, String head, int classes, Modality modality,
                                       Set<FusionPoint> points, FusionOptions options, HeadOptions headOptions) {
        Footprint f = Footprint.NONE;
        HeadFactory heads = HeadRegistry.get(head);
        if (modality.usesVideo()) {
            f = f.plus(ResNeXt3d.footprint(preset.video()));
            f = f.plusParameters(heads.parameterCount(ResNeXt3d.featureShape(preset.video()), classes, headOptions).orElse(0));
        }
        if (modality.usesAudio()) {
            f = f.plus(AudioCnn.footprint(preset.mfccCoefficients(), preset.audioFrames()));
            int lateFrames = Math.max(1, (preset.audioFrames() - 4) / 8);
            f = f.plusParameters(heads.parameterCount(new int[] {AudioCnn.LATE_CHANNELS, lateFrames}, classes, headOptions).orElse(0));
        }
        if (!fusion.equals(ModelSpec.NO_FUSION) && modality == Modality.BOTH) {
            FusionFactory factory = FusionRegistry.get(fusion);
            for (FusionPoint p : points.isEmpty() ? factory.defaultPoints() : points) {
                boolean mid = p == FusionPoint.MID;
                int cv = preset.video().stageChannels(mid ? 3 : 4), ca = mid ? AudioCnn.MID_CHANNELS : AudioCnn.LATE_CHANNELS;
                OptionalLong n = factory.parameterCount(p, cv, ca, options);
                f = f.plusParameters(n.orElse(0));
            }
        }
        return f;
    }
}
