package tandem.tensor.profile;

/**
 * One thread's profiling context: what its backend ops are for (phase, module, autograd function), set by the
 * autograd engine, the optimizers and nn modules while a profiler records; and the log it records into.
 */
final class ThreadState {
    Phase phase = Phase.FORWARD;
    String module = "";
    String function = "";
    ThreadLog log;

    /** Sets module and function until the returned scope closes; then runs {@code then} and restores both. */
    Profiler.Scope enter(String module, String function, Profiler.Scope then) {
        String previousModule = this.module, previousFunction = this.function;
        this.module = module;
        this.function = function;
        return () -> {
            then.close();
            this.module = previousModule;
            this.function = previousFunction;
        };
    }
}
