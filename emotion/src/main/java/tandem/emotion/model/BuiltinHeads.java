package tandem.emotion.model;

import java.util.OptionalLong;
import java.util.Set;
import tandem.emotion.model.head.ClassMapHead;
import tandem.emotion.model.head.Head;
import tandem.emotion.model.head.LinearHead;
import tandem.emotion.model.head.ScoreCalibration;

/** The heads that ship with Tandem, as {@link HeadFactory} services (listed in {@code META-INF/services}). */
public final class BuiltinHeads {
    private BuiltinHeads() {}

    /** "linear": video features (C, T, H, W) are pooled, audio features (C, L) flattened, as MSAF's classifiers. */
    public static final class Linear implements HeadFactory {
        @Override
        public String name() { return "linear"; }

        @Override
        public Head create(int[] featureShape, int classes) {
            return featureShape.length == 4 ? LinearHead.video(featureShape[0], classes)
                    : LinearHead.audio(featureShape[0], featureShape[1], classes);
        }

        @Override
        public OptionalLong parameterCount(int[] featureShape, int classes) {
            long in = featureShape.length == 4 ? featureShape[0] : (long) featureShape[0] * featureShape[1];
            return OptionalLong.of(in * classes + classes);
        }
    }

    /**
     * "classmap": the seed paper's class maps by squeeze-and-excitation (section 4.2). Options: {@code score}
     * (affine | plain: eq. 8 exactly), {@code reduction} (r of eq. 7's bottleneck, 16), {@code minHidden} (4: the
     * bottleneck is max(minHidden, N / r) wide), {@code fused} (true: the fused SE kernel).
     */
    public static final class ClassMap implements HeadFactory {
        static final Set<String> KEYS = Set.of("score", "reduction", "minHidden", "fused");

        @Override
        public String name() { return "classmap"; }

        @Override
        public Head create(int[] featureShape, int classes) { return new ClassMapHead(featureShape[0], classes); }

        @Override
        public Head create(int[] featureShape, int classes, HeadOptions options) {
            options.requireKnown(name(), KEYS);
            return new ClassMapHead(featureShape[0], classes, options.intValue("reduction", ClassMapHead.DEFAULT_REDUCTION),
                    options.intValue("minHidden", ClassMapHead.DEFAULT_MIN_HIDDEN),
                    ScoreCalibration.parse(options.stringValue("score", ScoreCalibration.AFFINE.key())), options.boolValue("fused", true));
        }

        @Override
        public OptionalLong parameterCount(int[] featureShape, int classes) { return parameterCount(featureShape, classes, HeadOptions.none()); }

        /** Per class: W1 (hidden x N) and W2 (N x hidden) with biases, and with the affine score its scale and bias. */
        @Override
        public OptionalLong parameterCount(int[] featureShape, int classes, HeadOptions options) {
            int reduction = options.intValue("reduction", ClassMapHead.DEFAULT_REDUCTION);
            int minHidden = options.intValue("minHidden", ClassMapHead.DEFAULT_MIN_HIDDEN);
            if (reduction < 1 || minHidden < 1) return OptionalLong.empty();      // create() names the bad option
            boolean affine = ScoreCalibration.parse(options.stringValue("score", ScoreCalibration.AFFINE.key())) == ScoreCalibration.AFFINE;
            long n = featureShape[0], c = classes, hidden = ClassMapHead.hiddenWidth(featureShape[0], reduction, minHidden);
            return OptionalLong.of(c * (hidden * n + hidden) + c * (n * hidden + n) + (affine ? 2 * c : 0));
        }
    }
}
