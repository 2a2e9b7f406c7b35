package dev.ponte.testsupport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Wraps ports so that every blocking call made on the UI thread is recorded with who made it: the ports are where
 * I/O happens (engine, API server, kubeconfig and journal files), so a call here on the UI thread is I/O there.
 * Watches (they only start the adapter's own threads), accessors and operation factories are allowed; what a port
 * returns that is itself a port (a session, an engine, Gefyra's side, an inspector) is wrapped too.
 */
public final class UiThreadGuard {
    /** Calls that do no I/O of their own: opening a watch, reaching a sub-port, making an operation to run later. */
    private static final Set<String> ALLOWED = Set.of("watchNamespaces", "watchWorkloads", "watchPods", "gefyra",
            "inspector", "toString", "hashCode", "equals");
    private static final Set<Class<?>> PORTS = Set.of(dev.ponte.core.port.ClusterSession.class,
            dev.ponte.core.port.ContainerEngine.class, dev.ponte.core.port.GefyraCluster.class,
            dev.ponte.core.port.WorkloadInspector.class);

    private final BooleanSupplier onUiThread;
    public final List<String> violations = new CopyOnWriteArrayList<>();
    /** Every guarded call, for the test to show it exercised the ports. */
    public final List<String> calls = new CopyOnWriteArrayList<>();

    public UiThreadGuard(BooleanSupplier onUiThread) {
        this.onUiThread = onUiThread;
    }

    @SuppressWarnings("unchecked")
    public <T> T wrap(Class<T> port, T target) {
        InvocationHandler h = (proxy, m, args) -> {
            String name = port.getSimpleName() + "." + m.getName();
            calls.add(name);
            if (onUiThread.getAsBoolean() && !allowed(m)) {
                violations.add(name + " on the UI thread, called from " + caller());
            }
            Object result;
            try {
                if (target instanceof dev.ponte.core.lifecycle.FakeEngine) {
                    synchronized (target) { // the in-memory engine is not thread-safe; the real ones are
                        result = m.invoke(target, args);
                    }
                } else {
                    result = m.invoke(target, args);
                }
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result != null && PORTS.contains(m.getReturnType())) {
                return wrap((Class<Object>) m.getReturnType(), result);
            }
            return result;
        };
        return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, h);
    }

    private static boolean allowed(Method m) {
        return ALLOWED.contains(m.getName()) || m.getReturnType() == dev.ponte.core.task.Operation.class;
    }

    private static String caller() {
        return StackWalker.getInstance().walk(frames -> frames
                .map(f -> f.getClassName() + "." + f.getMethodName() + ":" + f.getLineNumber())
                .filter(f -> f.startsWith("dev.ponte.") && !f.startsWith("dev.ponte.testsupport.UiThreadGuard"))
                .limit(4).collect(Collectors.joining(" < ")));
    }
}
