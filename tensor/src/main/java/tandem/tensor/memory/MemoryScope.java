package tandem.tensor.memory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import tandem.tensor.Tensor;

/**
 * Frees, on close, every storage allocated on this thread inside the scope that was not {@link #keep kept}.
 * <pre>{@code
 * try (var scope = MemoryScope.open()) {
 *     Tensor y = heavyComputation(x);
 *     result = scope.keep(y.sum());   // survives; everything else allocated inside is released
 * }
 * }</pre>
 * Scopes nest; a kept storage passes to the enclosing scope, if any. Host arrays released by a scope go back to
 * the {@link BufferPool}, so the next pass through the same code reuses them; long-lived state first created inside
 * a scope (an optimizer's moments) is made with {@link #unscoped}.
 */
public final class MemoryScope implements AutoCloseable {
    private static final ThreadLocal<ArrayDeque<MemoryScope>> STACK = ThreadLocal.withInitial(ArrayDeque::new);

    private final List<Storage> owned = new ArrayList<>();
    private final Set<Storage> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    private MemoryScope() {}

    public static MemoryScope open() {
        MemoryScope s = new MemoryScope();
        STACK.get().push(s);
        return s;
    }

    static void track(Storage storage) {
        MemoryScope s = STACK.get().peek();
        if (s != null) s.owned.add(storage);
    }

    /**
     * Runs {@code allocation} as if no scope were open on this thread: what it allocates belongs to no scope and
     * lives until closed or collected. Scopes opened inside it work as usual.
     */
    public static <T> T unscoped(Supplier<T> allocation) {
        ArrayDeque<MemoryScope> saved = STACK.get();
        STACK.set(new ArrayDeque<>());
        try {
            return allocation.get();
        } finally {
            STACK.set(saved);
        }
    }

    /** Lets {@code t}'s storage outlive this scope. Returns {@code t}. */
    public Tensor keep(Tensor t) {
        kept.add(t.storage());
        return t;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        ArrayDeque<MemoryScope> stack = STACK.get();
        if (stack.peek() != this) {
            throw new IllegalStateException("MemoryScope closed out of order: close inner scopes first");
        }
        stack.pop();
        MemoryScope parent = stack.peek();
        for (Storage s : owned) {
            if (kept.contains(s)) {
                if (parent != null) parent.owned.add(s);
            } else {
                s.close();
            }
        }
        owned.clear();
    }
}
