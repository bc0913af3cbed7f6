package tandem.emotion.model.fusion;

import java.util.Set;
import tandem.nn.Module;

/** Builds a fusion variant's blocks. Registered by name in {@link FusionRegistry}. */
public interface FusionFactory {
    /** The points where this variant places a block unless told otherwise. */
    Set<FusionPoint> defaultPoints();

    /**
     * A block for one point, given the channel counts of both modalities there. The returned object is a
     * {@link Module} that implements {@link FusionBlock}.
     */
    <M extends Module & FusionBlock> M create(FusionPoint point, int videoChannels, int audioChannels, FusionOptions options);
}
