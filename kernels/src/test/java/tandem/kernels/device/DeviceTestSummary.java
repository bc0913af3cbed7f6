package tandem.kernels.device;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints one line per device test class, so a build log shows how many device tests really ran:
 * {@code [device tests] opencl:0: 63 ran (63 passed, 0 failed), 4 skipped}; or, when the device is absent,
 * {@code [device tests] cuda:0: 0 ran, all skipped: <reason>}.
 */
public final class DeviceTestSummary implements TestWatcher, AfterAllCallback {
    private final AtomicInteger passed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();

    @Override
    public void testSuccessful(ExtensionContext context) { passed.incrementAndGet(); }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) { failed.incrementAndGet(); }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) { skipped.incrementAndGet(); }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) { skipped.incrementAndGet(); }

    @Override
    public void afterAll(ExtensionContext context) {
        String device = context.getTestInstance()
                .filter(DeviceBackendContract.class::isInstance)
                .map(t -> ((DeviceBackendContract) t).device().toString())
                .orElse(context.getDisplayName());
        int ran = passed.get() + failed.get();
        Optional<Throwable> classError = context.getExecutionException();
        if (ran == 0 && classError.isPresent()) {
            System.out.println("[device tests] " + device + ": 0 ran, all skipped: " + classError.get().getMessage());
        } else {
            System.out.println("[device tests] " + device + ": " + ran + " ran (" + passed.get() + " passed, "
                    + failed.get() + " failed), " + skipped.get() + " skipped");
        }
    }
}
