package tandem.emotion.model;

import java.util.OptionalLong;
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
     * The parameters {@link #create} would allocate, without allocating them (see
     * {@link tandem.emotion.model.fusion.FusionFactory#parameterCount}); empty when the head cannot tell.
     */
    default OptionalLong parameterCount(int[] featureShape, int classes) { return OptionalLong.empty(); }
}
