package tandem.bench;

/** One benchmarked computation with its inputs already allocated: run it, and know how many FLOPs that was. */
public interface Workload {
    /** Floating-point operations of one {@link #run()}, a multiply-add counted as 2 (NaN when not counted). */
    double flops();

    /**
     * Bytes one {@link #run()} must move at least: every input read and every output written once (NaN when not
     * counted). With {@link #flops()} it places the workload on the roofline.
     */
    default double bytes() { return Double.NaN; }

    /** Runs once; returns something derived from the result so the JIT cannot drop the work. */
    float run();
}
