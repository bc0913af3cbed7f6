package tandem.emotion.model.fusion;

import java.util.Locale;
import java.util.Set;

/**
 * Settings of one MSAF block.
 *
 * @param blockChannels channels per block (bc); every modality is cut into ceil(C / bc) blocks
 * @param reduction     reduction factor rf of the joint layer: bc -> max(1, bc / rf)
 * @param dropout       block dropout probability p (training only)
 * @param lowestAtten   floor of the attention: a = lowestAtten + a * (1 - lowestAtten)
 * @param doubleDropout apply the block-dropout mask a second time to what is scaled, exactly as MSAF's public code
 *                      does: the squeeze sees x * m, the output is x * m * m * a (kept blocks scaled by 1/(1-p)^2).
 *                      Off by default, because it reads as a bug: the output is then x * m * a.
 */
public record MsafOptions(int blockChannels, int reduction, double dropout, double lowestAtten, boolean doubleDropout) {
    /** Option keys read by {@link #forPoint}; {@code faithfulDoubleDropout} is the older name of {@code doubleDropout}. */
    static final Set<String> KEYS = Set.of("blockChannels", "blockChannels.mid", "blockChannels.late", "reduction", "dropout",
            "lowestAtten", "doubleDropout", "faithfulDoubleDropout", "split");

    public MsafOptions {
        if (blockChannels < 1) throw new IllegalArgumentException("msaf: blockChannels must be >= 1, got " + blockChannels);
        if (reduction < 1) throw new IllegalArgumentException("msaf: reduction must be >= 1, got " + reduction);
        if (dropout < 0 || dropout >= 1) throw new IllegalArgumentException("msaf: dropout must be in [0, 1), got " + dropout);
        if (lowestAtten < 0 || lowestAtten >= 1) throw new IllegalArgumentException("msaf: lowestAtten must be in [0, 1), got " + lowestAtten);
    }

    /** The reference's settings with the given block channels: rf 4, p 0.2, lowest_atten 0, single dropout. */
    public static MsafOptions reference(int blockChannels) { return new MsafOptions(blockChannels, 4, 0.2, 0, false); }

    public int hiddenChannels() { return Math.max(1, blockChannels / reduction); }

    public MsafOptions withDropout(double p) { return new MsafOptions(blockChannels, reduction, p, lowestAtten, doubleDropout); }

    public MsafOptions withDoubleDropout(boolean on) { return new MsafOptions(blockChannels, reduction, dropout, lowestAtten, on); }

    /**
     * Options for a block at {@code point}. Block channels: {@code blockChannels.mid} / {@code blockChannels.late}, else
     * {@code blockChannels}, else {@link #defaultBlockChannels}.
     */
    public static MsafOptions forPoint(FusionPoint point, int videoChannels, int audioChannels, FusionOptions o) {
        OptionKeys.requireKnown("msaf", o, KEYS);
        if (o.values().containsKey("doubleDropout") && o.values().containsKey("faithfulDoubleDropout")) {
            throw new IllegalArgumentException("msaf: give doubleDropout or its older name faithfulDoubleDropout, not both");
        }
        int reduction = o.intValue("reduction", 4);
        String pointKey = "blockChannels." + point.name().toLowerCase(Locale.ROOT);
        int bc = o.intValue(pointKey, o.intValue("blockChannels", defaultBlockChannels(point, videoChannels, audioChannels, reduction)));
        return new MsafOptions(bc, reduction, o.doubleValue("dropout", 0.2), o.doubleValue("lowestAtten", 0),
                o.boolValue("doubleDropout", o.boolValue("faithfulDoubleDropout", false)));
    }

    /** MSAF's {@code split_block}: how many time segments each get their own block (1: one block for the whole clip). */
    public static int split(FusionOptions o) {
        int n = o.intValue("split", 1);
        if (n < 1) throw new IllegalArgumentException("msaf: split must be >= 1, got " + n);
        return n;
    }

    /** {@code key=value} pairs for a summary. */
    String describe() {
        return "blockChannels=" + blockChannels + " reduction=" + reduction + " hidden=" + hiddenChannels() + " dropout=" + dropout
                + " lowestAtten=" + lowestAtten + " doubleDropout=" + doubleDropout;
    }

    /**
     * The reference uses bc 16 at MID and 32 at LATE (RAVDESS widths: 1024/32 and 2048/64 channels). Narrower presets
     * get the largest divisor of gcd(Cv, Ca) not above that, so both modalities split into whole blocks; if that
     * divisor is smaller than the reduction factor (the joint layer would shrink to one unit or less) the block size
     * falls back to min(reference, Cv, Ca) and the last block of a modality is zero-padded.
     */
    public static int defaultBlockChannels(FusionPoint point, int videoChannels, int audioChannels, int reduction) {
        int reference = point == FusionPoint.MID ? 16 : 32;
        int g = gcd(videoChannels, audioChannels);
        int bc = Math.min(reference, g);
        while (g % bc != 0) bc--;
        if (bc >= reduction) return bc;
        return Math.max(1, Math.min(reference, Math.min(videoChannels, audioChannels)));
    }

    private static int gcd(int a, int b) { return b == 0 ? a : gcd(b, a % b); }
}
