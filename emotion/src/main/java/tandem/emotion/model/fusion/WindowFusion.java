package tandem.emotion.model.fusion;

import java.util.EnumSet;
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
}
