package tandem.tensor.profile;

/** What a backend op was done for: the forward pass (also inference), the backward pass, or an optimizer update. */
public enum Phase {
    FORWARD, BACKWARD, OPTIMIZER;

    /** Lower-case name, as the table and the trace print it. */
    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}
