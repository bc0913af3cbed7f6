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
    /** Module scopes still open on this thread, innermost last. */
    private final java.util.ArrayList<String> openModules = new java.util.ArrayList<>();

    Profiler.Scope openModule(String path) {
        openModules.add(path);
        module = path;
        int depth = openModules.size();
        return () -> {
            while (openModules.size() >= depth) openModules.remove(openModules.size() - 1);
            String enclosing = openModules.isEmpty() ? "" : openModules.get(openModules.size() - 1);
            String parent = path.lastIndexOf('.') < 0 ? "" : path.substring(0, path.lastIndexOf('.'));
            boolean inside = enclosing.isEmpty() || parent.equals(enclosing) || parent.startsWith(enclosing + ".");
            module = inside ? parent : enclosing;
        };
    }

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
