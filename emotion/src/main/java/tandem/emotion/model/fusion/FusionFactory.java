package tandem.emotion.model.fusion;

import java.util.OptionalLong;
import java.util.Set;
import tandem.nn.Module;

/** Builds a fusion variant's blocks; found by name in {@link FusionRegistry} (a {@code META-INF/services} entry registers one). */
public interface FusionFactory {
    /** The name a model spec uses for this variant ({@code fusion=NAME}). */
    String name();

    /** The points where this variant places a block unless told otherwise. */
    Set<FusionPoint> defaultPoints();

    /**
     * A block for one point, given the channel counts of both modalities there. The returned object is a
     * {@link Module} that implements {@link FusionBlock}.
     */
    <M extends Module & FusionBlock> M create(FusionPoint point, int videoChannels, int audioChannels, FusionOptions options);

    /**
     * The parameters {@link #create} would allocate, worked out without allocating them, so that a spec is held
     * against the memory it needs before anything is built; empty when the variant cannot tell (a spec's budget then
     * leaves the block out). Tandem's own variants answer exactly.
     */
    default OptionalLong parameterCount(FusionPoint point, int videoChannels, int audioChannels, FusionOptions options) {
        return OptionalLong.empty();
    }
}
