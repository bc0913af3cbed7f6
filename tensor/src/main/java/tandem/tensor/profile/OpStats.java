package tandem.tensor.profile;

/** Running totals of one op name (in one region, phase and module): calls, time, work. */
final class OpStats {
    long calls, wallNanos, deviceNanos, kernels;
    /** Calls that launched kernels the device could not time. */
    long untimedCalls;
    double flops, bytes;

    void add(long wall, long device, int launched, double f, double b) {
        calls++;
        wallNanos += wall;
        kernels += launched;
        if (device >= 0) deviceNanos += device;
        else if (launched > 0) untimedCalls++;
        flops += f;
        bytes += b;
    }

    void add(OpStats o) {
        calls += o.calls;
        wallNanos += o.wallNanos;
        deviceNanos += o.deviceNanos;
        kernels += o.kernels;
        untimedCalls += o.untimedCalls;
        flops += o.flops;
        bytes += o.bytes;
    }
}
