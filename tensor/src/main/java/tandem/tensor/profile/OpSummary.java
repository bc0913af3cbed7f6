package tandem.tensor.profile;

/**
 * Totals of one row of the profile table (an op, or a module): calls, wall time, device time (-1 where no kernel was
 * timed on a device), FLOPs (NaN where the op's count is unknown) and bytes moved.
 */
public record OpSummary(String name, long calls, long wallNanos, long deviceNanos, long kernels, long untimedCalls,
                        double flops, double bytes) {
    static OpSummary of(String name, OpStats s) {
        boolean timed = s.kernels > 0 && s.untimedCalls == 0;
        return new OpSummary(name, s.calls, s.wallNanos, timed ? s.deviceNanos : -1, s.kernels, s.untimedCalls, s.flops, s.bytes);
    }

    public double millis() { return wallNanos / 1e6; }

    /** Device time where the device timed every kernel of these calls, else wall time. */
    public double busyMillis() { return deviceNanos >= 0 ? deviceNanos / 1e6 : millis(); }

    public double gflops() { return flops / busyMillis() / 1e6; }

    public double gbPerSecond() { return bytes / busyMillis() / 1e6; }

    /** Arithmetic intensity: FLOPs per byte moved. */
    public double intensity() { return flops / bytes; }

    /** "compute" or "memory" against the ceilings' balance point; "-" where either count or ceiling is unknown. */
    public String bound(Ceilings ceilings) {
        double i = intensity();
        if (ceilings == null || Double.isNaN(i) || Double.isInfinite(i) || flops == 0 || Double.isNaN(ceilings.balance())) {
            return flops == 0 && bytes > 0 ? "memory" : "-";
        }
        return i >= ceilings.balance() ? "compute" : "memory";
    }
}
