package tandem.tensor.profile;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import tandem.tensor.backend.Backend;

/**
 * The profiler's decorator: a {@link Backend} that times and records every call and hands it to the real backend.
 * It is a dynamic proxy over the interface, so every method the contract has (fused ops added later included) is
 * seen without being listed here. Default methods run on the real backend, so a composite counts as one op.
 *
 * <p>A backend call made while another is in flight on the same thread (a kernel that calls {@code contiguous()}
 * on its input, say) is part of the outer op's time and is not recorded again.
 */
final class ProfilingBackend implements InvocationHandler {
    /** Methods that ask the backend something rather than compute: never recorded as ops. */
    private static final Set<String> QUERIES = Set.of("device", "hasFused", "kernelLaunches");
    private final Profiler session;
    private final Backend backend;
    private final String device;
    /** Recorded methods by identity; everything else (Object's methods, device()) passes straight through. */
    private final Map<Method, OpName> ops = new HashMap<>();

    private ProfilingBackend(Profiler session, Backend backend) {
        this.session = session;
        this.backend = backend;
        this.device = backend.device().toString();
        for (Method m : Backend.class.getMethods()) {
            if (m.getDeclaringClass() == Backend.class && !QUERIES.contains(m.getName())) ops.put(m, OpName.of(m));
        }
    }

    static Backend wrap(Profiler session, Backend backend) {
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                new ProfilingBackend(session, backend));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        OpName op = ops.get(method);
        if (op == null || !session.isCurrent()) return call(method, args);
        ThreadLog log = session.log();
        if (log.depth > 0) return call(method, args);
        log.beginOp();
        long t0 = System.nanoTime();
        Object result;
        try {
            result = call(method, args);
        } finally {
            log.depth--;
        }
        long t1 = System.nanoTime();
        log.record(op.name(args), method.getName(), device, args, result, t0, t1);
        return result;
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(backend, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * An op's name in the table: the method, and for methods whose first argument picks an operation (unary, binary,
     * reduce) that operation too, e.g. {@code binary.mul}. Names are built once per constant, not per call.
     */
    private record OpName(String method, String[] byOrdinal) {
        static OpName of(Method m) {
            Class<?>[] p = m.getParameterTypes();
            if (p.length == 0 || !p[0].isEnum()) return new OpName(m.getName(), null);
            Object[] constants = p[0].getEnumConstants();
            String[] names = new String[constants.length];
            for (int i = 0; i < names.length; i++) {
                names[i] = m.getName() + "." + ((Enum<?>) constants[i]).name().toLowerCase(java.util.Locale.ROOT);
            }
            return new OpName(m.getName(), names);
        }

        String name(Object[] args) {
            return byOrdinal == null || args[0] == null ? method : byOrdinal[((Enum<?>) args[0]).ordinal()];
        }
    }
}
