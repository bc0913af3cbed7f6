package tandem.emotion.model.fusion;

import java.util.EnumSet;
import java.util.OptionalLong;
import java.util.Set;
import tandem.nn.Module;

/**
 * The "window" variant: one {@link WindowedCrossAttention} block at LATE, as the seed paper. Options: windows, dim,
 * gate (sigmoid | 1+tanh | softmax), residual (true | false); see {@link WindowOptions}.
 */
public final class WindowFusion implements FusionFactory {
    @Override
    public String name() { return "window"; }

    @Override
    public Set<FusionPoint> defaultPoints() { return EnumSet.of(FusionPoint.LATE); }

    @Override
    @SuppressWarnings("unchecked")
    public <M extends Module & FusionBlock> M create(FusionPoint point, int videoChannels, int audioChannels, FusionOptions options) {
        return (M) new WindowedCrossAttention(videoChannels, audioChannels, WindowOptions.parse(options));
    }

    /** Each direction: query (Cq -> D), key and value (Ck -> D), out (D -> Cq), all with biases. */
    @Override
    public OptionalLong parameterCount(FusionPoint point, int videoChannels, int audioChannels, FusionOptions options) {
        long d = WindowOptions.parse(options).dim(), cv = videoChannels, ca = audioChannels;
        return OptionalLong.of((cv * d + d) + 2 * (ca * d + d) + (d * cv + cv) + (ca * d + d) + 2 * (cv * d + d) + (d * ca + ca));
    }
}
