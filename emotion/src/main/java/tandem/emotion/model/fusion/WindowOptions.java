package tandem.emotion.model.fusion;

import java.util.Set;

/**
 * Settings of a {@link WindowedCrossAttention} block.
 *
 * @param windows  number of windows W; 0 means "default": min(4, Tv, L), resolved per input. An explicit W larger
 *                 than the shorter time axis is an error rather than silently reduced.
 * @param dim      width D of queries, keys and values
 * @param gate     activation that turns the attention output into gates
 * @param residual false: F' = F * A (eq. 6 as written); true: F' = F * (1 + A)
 * @param fused    true: every window in one fused kernel ({@code WindowedAttention}); false: the composition of
 *                 primitives, window by window (the readable path). Both compute the same values and gradients.
 */
public record WindowOptions(int windows, int dim, GateActivation gate, boolean residual, boolean fused) {
    public static final int DEFAULT_WINDOWS = 4;
    static final Set<String> KEYS = Set.of("windows", "dim", "gate", "residual", "fused");
    static final Set<String> TOKEN_KEYS = Set.of("windows", "dim", "gate", "residual");

    public WindowOptions {
        if (windows < 0) throw new IllegalArgumentException("window fusion: windows must be >= 1 (or 0 for the default), got " + windows);
        if (dim < 1) throw new IllegalArgumentException("window fusion: dim must be >= 1, got " + dim);
        if (gate == null) throw new IllegalArgumentException("window fusion: gate must be given");
    }

    /** The defaults: W = min(4, Tv, L), D = 64, sigmoid gates, no residual, the fused kernel. */
    public static WindowOptions defaults() { return new WindowOptions(0, 64, GateActivation.SIGMOID, false, true); }

    public static WindowOptions parse(FusionOptions o) {
        OptionKeys.requireKnown("window", o, KEYS);
        return new WindowOptions(o.intValue("windows", 0), o.intValue("dim", 64), GateActivation.parse(o.stringValue("gate", "sigmoid")),
                o.boolValue("residual", false), o.boolValue("fused", true));
    }

    /** The options of the window-token variant: the same keys without {@code fused} (it has no fused kernel). */
    public static WindowOptions parseTokens(FusionOptions o) {
        OptionKeys.requireKnown("window-token", o, TOKEN_KEYS);
        return new WindowOptions(o.intValue("windows", 0), o.intValue("dim", 64), GateActivation.parse(o.stringValue("gate", "sigmoid")),
                o.boolValue("residual", false), false);
    }

    public WindowOptions withWindows(int w) { return new WindowOptions(w, dim, gate, residual, fused); }

    public WindowOptions withDim(int d) { return new WindowOptions(windows, d, gate, residual, fused); }

    public WindowOptions withGate(GateActivation g) { return new WindowOptions(windows, dim, g, residual, fused); }

    public WindowOptions withResidual(boolean r) { return new WindowOptions(windows, dim, gate, r, fused); }

    public WindowOptions withFused(boolean f) { return new WindowOptions(windows, dim, gate, residual, f); }

    /** The window count for time axes of lengths tv and l; throws when an explicit count does not fit. */
    public int resolve(int tv, int l) {
        int shorter = Math.min(tv, l);
        if (windows == 0) return Math.min(DEFAULT_WINDOWS, shorter);
        if (windows > shorter) {
            throw new IllegalArgumentException("window fusion: " + windows + " windows do not fit video time " + tv + " and audio time " + l
                    + " (each window needs at least one step on both axes, so W <= " + shorter + ")");
        }
        return windows;
    }
}
