package tandem.emotion.model;

import tandem.emotion.model.head.ClassMapHead;
import tandem.emotion.model.head.Head;
import tandem.emotion.model.head.LinearHead;

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
    }

    /** "classmap": the seed paper's class maps by squeeze-and-excitation (section 4.2). */
    public static final class ClassMap implements HeadFactory {
        @Override
        public String name() { return "classmap"; }

        @Override
        public Head create(int[] featureShape, int classes) { return new ClassMapHead(featureShape[0], classes); }
    }
}
