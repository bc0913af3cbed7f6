package tandem.emotion.model;

import java.util.OptionalLong;
import java.util.Set;
import tandem.emotion.model.head.Head;

/** Builds a classifier head; found by name in {@link HeadRegistry} (a {@code META-INF/services} entry registers one). */
public interface HeadFactory {
    /** The name a model spec uses for this head ({@code head=NAME}). */
    String name();

    /**
     * A head for feature maps of shape {@code featureShape} without the batch axis: (C, T, H, W) for video, (C, L) for
     * audio. The head must be a {@link tandem.nn.Module} so its parameters join the model's.
     */
    Head create(int[] featureShape, int classes);

    /**
     * As {@link #create(int[], int)}, with the spec's {@code head.KEY=VALUE} options. A head with options overrides
     * this; the default accepts none, so a typo in a spec fails instead of being ignored.
     */
    default Head create(int[] featureShape, int classes, HeadOptions options) {
        options.requireKnown(name(), Set.of());
        return create(featureShape, classes);
    }

    /**
     * The parameters {@link #create} would allocate, without allocating them (see
     * {@link tandem.emotion.model.fusion.FusionFactory#parameterCount}); empty when the head cannot tell.
     */
    default OptionalLong parameterCount(int[] featureShape, int classes) { return OptionalLong.empty(); }

    /** As {@link #parameterCount(int[], int)} for the head {@link #create(int[], int, HeadOptions)} would build. */
    default OptionalLong parameterCount(int[] featureShape, int classes, HeadOptions options) {
        return parameterCount(featureShape, classes);
    }
}
