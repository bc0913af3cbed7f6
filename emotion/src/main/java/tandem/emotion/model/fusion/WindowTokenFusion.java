package tandem.emotion.model.fusion;

import java.util.EnumSet;
import java.util.Set;
import tandem.nn.Module;

/**
 * The "window-token" variant: one {@link WindowTokenAttention} block at LATE, each window one token and attention
 * across the windows. Options: windows, dim, gate (sigmoid | 1+tanh | softmax), residual (true | false).
 */
public final class WindowTokenFusion implements FusionFactory {
    @Override
    public String name() { return "window-token"; }

    @Override
    public Set<FusionPoint> defaultPoints() { return EnumSet.of(FusionPoint.LATE); }

    @Override
    @SuppressWarnings("unchecked")
    public <M extends Module & FusionBlock> M create(FusionPoint point, int videoChannels, int audioChannels, FusionOptions options) {
        return (M) new WindowTokenAttention(videoChannels, audioChannels, WindowOptions.parseTokens(options));
    }
}
