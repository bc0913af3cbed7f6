package tandem.emotion.model.fusion;

import java.util.EnumSet;
import java.util.Set;
import tandem.nn.Module;

/** The "msaf" variant: an {@link MsafBlock} at MID and LATE, as the baseline. Options: see {@link MsafOptions#forPoint}. */
public final class MsafFusion implements FusionFactory {
    @Override
    public String name() { return "msaf"; }

    @Override
    public Set<FusionPoint> defaultPoints() { return EnumSet.of(FusionPoint.MID, FusionPoint.LATE); }

    @Override
    @SuppressWarnings("unchecked")
    public <M extends Module & FusionBlock> M create(FusionPoint point, int videoChannels, int audioChannels, FusionOptions options) {
        return (M) new MsafBlock(videoChannels, audioChannels, MsafOptions.forPoint(point, videoChannels, audioChannels, options));
    }
}
