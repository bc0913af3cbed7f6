package tandem.emotion.model.fusion;

import java.util.EnumSet;
import java.util.OptionalLong;
import java.util.Set;
import tandem.nn.Module;

/**
 * The "msaf" variant: an {@link MsafBlock} at MID and LATE, as the baseline; with option {@code split=N} (MSAF's
 * {@code split_block}) an {@link MsafSplit} of N blocks over time segments. Options: see {@link MsafOptions#forPoint}.
 */
public final class MsafFusion implements FusionFactory {
    @Override
    public String name() { return "msaf"; }

    @Override
    public Set<FusionPoint> defaultPoints() { return EnumSet.of(FusionPoint.MID, FusionPoint.LATE); }

    @Override
    @SuppressWarnings("unchecked")
    public <M extends Module & FusionBlock> M create(FusionPoint point, int videoChannels, int audioChannels, FusionOptions options) {
        MsafOptions o = MsafOptions.forPoint(point, videoChannels, audioChannels, options);
        int split = MsafOptions.split(options);
        return split == 1 ? (M) new MsafBlock(videoChannels, audioChannels, o) : (M) new MsafSplit(videoChannels, audioChannels, o, split);
    }

    /** Joint Linear(bc, hidden) + batch norm, then one Linear(hidden, bc) per block of either modality. */
    @Override
    public OptionalLong parameterCount(FusionPoint point, int videoChannels, int audioChannels, FusionOptions options) {
        MsafOptions o = MsafOptions.forPoint(point, videoChannels, audioChannels, options);
        long bc = o.blockChannels(), hidden = o.hiddenChannels();
        long blocks = (videoChannels + bc - 1) / bc + (audioChannels + bc - 1) / bc;
        return OptionalLong.of(bc * hidden + hidden + 2 * hidden + blocks * (hidden * bc + bc));
    }
}
