package tandem.emotion.model.fusion;

import tandem.autograd.Var;

/**
 * How the windowed block turns its projected attention output into the gates A of eq. 6. The paper only says the
 * feature maps are multiplied by A; these are the readings Tandem offers (docs/model-readings.md).
 */
public enum GateActivation {
    /** A = sigmoid(x) in (0, 1): the squeeze-and-excitation convention, and the plainest reading. The default. */
    SIGMOID("sigmoid"),
    /** A = 1 + tanh(x) in (0, 2): starts near identity (x ~ 0 gives 1), so an untrained block barely changes F. */
    ONE_PLUS_TANH("1+tanh"),
    /**
     * A = C * softmax over the C channels: channels compete for a fixed budget; the factor C keeps the mean gate at 1
     * so the feature scale is preserved.
     */
    CHANNEL_SOFTMAX("softmax");

    private final String key;

    GateActivation(String key) { this.key = key; }

    public String key() { return key; }

    public static GateActivation parse(String key) {
        for (GateActivation g : values()) if (g.key.equals(key)) return g;
        throw new IllegalArgumentException("window fusion: unknown gate '" + key + "'; known: sigmoid, 1+tanh, softmax");
    }

    // x: (B, C, T) pre-activation -> gates of the same shape
    Var apply(Var x) {
        return switch (this) {
            case SIGMOID -> x.sigmoid();
            case ONE_PLUS_TANH -> x.tanh().add(1);
            case CHANNEL_SOFTMAX -> x.softmax(1).mul(x.size(1));
        };
    }
}
