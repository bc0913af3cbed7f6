package tandem.autograd;

/**
 * Whether operations record a graph on this thread.
 * <pre>{@code try (var off = GradMode.off()) { ... inference ... } }</pre>
 */
public final class GradMode implements AutoCloseable {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private final boolean previous;

    private GradMode(boolean enabled) {
        previous = ENABLED.get();
        ENABLED.set(enabled);
    }

    /** Disables graph recording until the returned scope is closed. */
    public static GradMode off() { return new GradMode(false); }

    /** Re-enables recording inside an {@link #off()} scope. */
    public static GradMode on() { return new GradMode(true); }

    public static boolean isEnabled() { return ENABLED.get(); }

    @Override
    public void close() { ENABLED.set(previous); }
}
