package tandem.emotion.model;

import java.util.Set;
import tandem.autograd.Var;
import tandem.emotion.model.fusion.FusionBlock;
import tandem.emotion.model.fusion.FusionFactory;
import tandem.emotion.model.fusion.FusionOptions;
import tandem.emotion.model.fusion.FusionPoint;
import tandem.emotion.model.fusion.FusionRegistry;
import tandem.emotion.model.head.Head;
import tandem.nn.Module;
import tandem.nn.layers.Linear;
import tandem.tensor.Tensor;

/**
 * Small fusion and head variants that exercise every path of the model independently of the shipped variants:
 * "test-gate" (each modality scaled per channel by a gate computed from the other's pooled features, at MID and
 * LATE) and "test-gap" (global average over everything but channels, then a linear layer).
 */
final class TestVariants {
    static final String FUSION = "test-gate";
    static final String HEAD = "test-gap";

    private TestVariants() {}

    static synchronized void register() {
        if (!FusionRegistry.names().contains(FUSION)) FusionRegistry.register(new GateFactory());
        if (!HeadRegistry.names().contains(HEAD)) HeadRegistry.register(new GapHeadFactory());
    }

    /** Fusion variants a model can be built with here: the shipped ones plus the test gate. */
    static Set<String> fusions() {
        register();
        return FusionRegistry.names();
    }

    static final class CrossGate extends Module implements FusionBlock {
        private final Linear fromAudio, fromVideo;
        final int videoChannels, audioChannels;

        CrossGate(int videoChannels, int audioChannels) {
            this.videoChannels = videoChannels;
            this.audioChannels = audioChannels;
            fromAudio = child("from_audio", new Linear(audioChannels, videoChannels));
            fromVideo = child("from_video", new Linear(videoChannels, audioChannels));
        }

        // video: (B, Cv, T, H, W), audio: (B, Ca, L) -> same shapes
        @Override
        public Fused forward(Var video, Var audio) {
            int b = video.size(0);
            Var gv = fromAudio.forward(audio.mean(false, 2)).sigmoid().reshape(b, videoChannels, 1, 1, 1);
            Var ga = fromVideo.forward(video.mean(false, 2, 3, 4)).sigmoid().reshape(b, audioChannels, 1);
            return new Fused(tap("gate.video", video.mul(gv)), audio.mul(ga));
        }
    }

    static final class GateFactory implements FusionFactory {
        @Override
        public String name() { return FUSION; }

        @Override
        public Set<FusionPoint> defaultPoints() { return Set.of(FusionPoint.MID, FusionPoint.LATE); }

        @Override
        @SuppressWarnings("unchecked")
        public <M extends Module & FusionBlock> M create(FusionPoint point, int videoChannels, int audioChannels, FusionOptions options) {
            return (M) new CrossGate(videoChannels, audioChannels);
        }
    }

    static final class GapHeadFactory implements HeadFactory {
        @Override
        public String name() { return HEAD; }

        @Override
        public Head create(int[] featureShape, int classes) { return new GapHead(featureShape, classes); }
    }

    static final class GapHead extends Module implements Head {
        private final Linear fc;

        private final int classes;

        GapHead(int[] featureShape, int classes) {
            this.classes = classes;
            fc = child("fc", new Linear(featureShape[0], classes));
        }

        @Override
        public int classes() { return classes; }

        @Override
        public Var forward(Var features) {
            int[] axes = new int[features.dim() - 2];
            for (int i = 0; i < axes.length; i++) axes[i] = i + 2;
            return fc.forward(features.mean(false, axes));
        }
    }

    static Var zeros(int batch, int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = batch;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return Var.constant(Tensor.zeros(s));
    }

    static Var randn(long seed, int batch, int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = batch;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return Var.constant(Tensor.randn(seed, s));
    }
}
