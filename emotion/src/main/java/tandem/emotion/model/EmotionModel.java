package tandem.emotion.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tandem.autograd.Var;
import tandem.emotion.model.backbone.AudioCnn;
import tandem.emotion.model.backbone.ResNeXt3d;
import tandem.emotion.model.fusion.FusionBlock;
import tandem.emotion.model.fusion.FusionFactory;
import tandem.emotion.model.fusion.FusionPoint;
import tandem.emotion.model.fusion.FusionRegistry;
import tandem.emotion.model.head.Head;
import tandem.nn.Module;

/**
 * The audio-visual emotion model: a 3-D ResNeXt over the face clip, MSAF's 1-D CNN over the MFCCs, fusion blocks
 * at the MID point (after video stage 3 and audio conv2) and/or the LATE point (after video stage 4 and audio conv3),
 * one classifier head per modality, and logits = video logits + audio logits. With fusion "none" the branches meet
 * only in that sum (late fusion); the unimodal variants have one branch and one head.
 *
 * <p>Children: video, audio, fusion_mid, fusion_late, video_head, audio_head (those that the spec asks for).
 * Taps (through {@link #observe}): the backbones' stage outputs (video.layer3, audio.mid, ...), "features.video" and
 * "features.audio" (the final maps the heads read, after fusion), "logits.video", "logits.audio" and "logits", plus
 * whatever the fusion blocks and heads publish under their own names.
 */
public final class EmotionModel extends Module implements AudioVisualModel {
    private final ModelSpec spec;
    private final ResNeXt3d video;
    private final AudioCnn audio;
    private final Map<FusionPoint, FusionBlock> fusion = new EnumMap<>(FusionPoint.class);
    private final Head videoHead, audioHead;
    private final int[] videoFeatures, audioFeatures;

    public EmotionModel(ModelSpec spec) {
        this.spec = spec;
        ModelPreset preset = spec.preset();
        Modality modality = spec.modality();
        video = modality.usesVideo() ? child("video", new ResNeXt3d(preset.video(), spec.stemRelu())) : null;
        audio = modality.usesAudio() ? child("audio", new AudioCnn(preset.mfccCoefficients(), preset.audioFrames())) : null;
        LayerTable shapes = new LayerTable();
        videoFeatures = video == null ? null : withoutBatch(video.describe("video", batchOf(1, preset.videoShape()), shapes));
        audioFeatures = audio == null ? null : withoutBatch(audio.describe("audio", batchOf(1, preset.audioShape()), shapes));
        if (spec.hasFusion()) {
            FusionFactory factory = FusionRegistry.get(spec.fusion());
            Set<FusionPoint> points = spec.points().isEmpty() ? factory.defaultPoints() : spec.points();
            for (FusionPoint p : FusionPoint.values()) {
                if (!points.contains(p)) continue;
                boolean mid = p == FusionPoint.MID;
                int cv = video.stageChannels(mid ? 3 : 4), ca = mid ? AudioCnn.MID_CHANNELS : AudioCnn.LATE_CHANNELS;
                fusion.put(p, child("fusion_" + p.name().toLowerCase(Locale.ROOT), factory.create(p, cv, ca, spec.fusionOptions())));
            }
        }
        HeadFactory heads = HeadRegistry.get(spec.head());
        videoHead = video == null ? null : head("video_head", heads.create(videoFeatures, spec.classes(), spec.headOptions()));
        audioHead = audio == null ? null : head("audio_head", heads.create(audioFeatures, spec.classes(), spec.headOptions()));
    }

    private Head head(String name, Head h) {
        if (!(h instanceof Module m)) {
            throw new IllegalArgumentException("head '" + spec.head() + "' built a " + h.getClass().getName() + ", which is not a Module");
        }
        child(name, m);
        return h;
    }

    public ModelSpec spec() { return spec; }

    /** The fusion blocks by point (empty without fusion). */
    public Map<FusionPoint, FusionBlock> fusionBlocks() { return Collections.unmodifiableMap(fusion); }

    /**
     * Logits (B, classes) from video (B, 3, T, H, W) and audio (B, coefficients, frames). A single-modality model
     * ignores the other input, which may then be null.
     */
    public Var forward(Var videoClip, Var mfcc) {
        int batch = checkInputs(videoClip, mfcc);
        Var v = null, a = null;
        if (video != null) {
            v = video.forwardStem(videoClip);
            for (int s = 1; s <= 3; s++) v = video.forwardStage(s, v);
        }
        if (audio != null) a = audio.forwardToMid(mfcc);
        FusionBlock mid = fusion.get(FusionPoint.MID);
        if (mid != null) {
            FusionBlock.Fused f = mid.forward(v, a);
            v = f.video();
            a = f.audio();
        }
        if (video != null) v = video.forwardStage(4, v);
        if (audio != null) a = audio.forwardMidToLate(a);
        FusionBlock late = fusion.get(FusionPoint.LATE);
        if (late != null) {
            FusionBlock.Fused f = late.forward(v, a);
            v = f.video();
            a = f.audio();
        }
        Var logits = null;
        if (v != null) logits = tap("logits.video", videoHead.forward(tap("features.video", v)));
        if (a != null) {
            Var audioLogits = tap("logits.audio", audioHead.forward(tap("features.audio", a)));
            logits = logits == null ? audioLogits : logits.add(audioLogits);
        }
        checkLogits(logits, batch);
        return tap("logits", logits);
    }

    private int checkInputs(Var videoClip, Var mfcc) {
        int batch = -1;
        if (video != null) batch = checkInput("video", videoClip, spec.preset().videoShape(), "(B, 3, T, H, W)");
        if (audio != null) {
            int b = checkInput("audio", mfcc, spec.preset().audioShape(), "(B, MFCC coefficients, frames)");
            if (batch >= 0 && b != batch) {
                throw new IllegalArgumentException(name() + ": video batch " + batch + " and audio batch " + b + " differ");
            }
            batch = b;
        }
        return batch;
    }

    private int checkInput(String what, Var x, int[] expected, String layout) {
        if (x == null) throw new IllegalArgumentException(name() + ": " + what + " input " + layout + " is missing (modality=" + spec.modality().key() + ")");
        int[] s = x.shape();
        if (s.length != expected.length + 1 || !Arrays.equals(withoutBatch(s), expected)) {
            throw new IllegalArgumentException(name() + ": " + what + " input must be " + layout + " = "
                    + Arrays.toString(batchOf(-1, expected)).replace("-1", "B") + ", got " + Arrays.toString(s));
        }
        return s[0];
    }

    private void checkLogits(Var logits, int batch) {
        int[] s = logits.shape();
        if (s.length != 2 || s[0] != batch || s[1] != spec.classes()) {
            throw new IllegalStateException(name() + ": head '" + spec.head() + "' produced logits " + Arrays.toString(s)
                    + ", expected [" + batch + ", " + spec.classes() + "]");
        }
    }

    private String name() { return "EmotionModel(" + spec.preset().name() + ")"; }

    /**
     * Every layer's output shape for a batch of one, worked out from the layers' geometry without running them, and
     * each layer's own parameter count. Fusion blocks keep shapes by contract; heads give (1, classes).
     */
    public LayerTable summary() {
        LayerTable table = new LayerTable();
        ModelPreset preset = spec.preset();
        int[] v = video == null ? null : video.describe("video", batchOf(1, preset.videoShape()), table);
        int[] a = audio == null ? null : audio.describe("audio", batchOf(1, preset.audioShape()), table);
        for (var e : fusion.entrySet()) {
            String name = "fusion_" + e.getKey().name().toLowerCase(Locale.ROOT);
            boolean mid = e.getKey() == FusionPoint.MID;
            table.add(name + " (video)", mid ? table.row("video.layer3").shape() : v, ((Module) e.getValue()).parameterCount());
            table.add(name + " (audio)", mid ? table.row("audio.conv2").shape() : a, 0);
        }
        int[] logits = {1, spec.classes()};
        if (videoHead != null) table.add("video_head", logits, ((Module) videoHead).parameterCount());
        if (audioHead != null) table.add("audio_head", logits, ((Module) audioHead).parameterCount());
        table.add("logits", logits, 0);
        return table;
    }

    /**
     * What each fusion block and head was built with, defaults resolved, by child name ("fusion_late", "video_head"):
     * the {@link Settings} of those that state them, else the variant's name and the spec's options.
     */
    public Map<String, String> settings() {
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : fusion.entrySet()) {
            out.put("fusion_" + e.getKey().name().toLowerCase(Locale.ROOT), spec.fusion() + " " + settingsOf(e.getValue(), spec.fusionOptions().values()));
        }
        if (videoHead != null) out.put("video_head", spec.head() + " " + settingsOf(videoHead, spec.headOptions().values()));
        if (audioHead != null) out.put("audio_head", spec.head() + " " + settingsOf(audioHead, spec.headOptions().values()));
        return out;
    }

    private static String settingsOf(Object part, Map<String, String> options) {
        if (part instanceof Settings s) return s.settings();
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(options).forEach((k, v) -> sb.append(sb.length() > 0 ? " " : "").append(k).append('=').append(v));
        return sb.length() > 0 ? sb.toString() : "(no options)";
    }

    private static int[] batchOf(int b, int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = b;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    private static int[] withoutBatch(int[] shape) { return Arrays.copyOfRange(shape, 1, shape.length); }
}
