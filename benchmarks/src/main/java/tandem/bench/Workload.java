package tandem.bench;

/** One benchmarked computation with its inputs already allocated: run it, and know how many FLOPs that was. */
public interface Workload {
    /** Floating-point operations of one {@link #run()}, a multiply-add counted as 2. */
    double flops();

    /** Bytes one {@link #run()} must move at the least (operands read once, results written once); NaN when not counted. */
    default double bytes() { return Double.NaN; }

    /** Runs once; returns something derived from the result so the JIT cannot drop the work. */
    float run();
}
