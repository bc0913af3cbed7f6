package tandem.nn;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tandem.autograd.Var;
import tandem.nn.layers.Activation;
import tandem.nn.layers.AdaptiveAvgPool;
import tandem.nn.layers.BatchNorm;
import tandem.nn.layers.Conv;
import tandem.nn.layers.Linear;
import tandem.nn.layers.Pooling;
import tandem.nn.loss.CrossEntropyLoss;
import tandem.nn.optim.Adam;
import tandem.tensor.Tensor;
import tandem.tensor.memory.BufferPool;

/**
 * Measures (asserts nothing) the time of one training step of a small 1-D conv net three ways: a plain loop (no
 * scope; the garbage collector reclaims), {@link TrainStep} with pooling off, and {@link TrainStep} with the pool.
 * Rounds of the three modes are interleaved so that drift of the machine hits all three alike; the median per mode
 * is printed, with the bytes the calling thread allocated per step and the garbage collections during the mode's
 * steps (both independent of the machine's load, unlike the times). Run with the test classpath: {@code java ... tandem.nn.TrainStepTiming [batch] [length] [width]}.
 */
public final class TrainStepTiming {
    private enum Mode { PLAIN, SCOPED_UNPOOLED, SCOPED_POOLED }

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int length = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int width = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 8, stepsPerRound = 5, warmupRounds = 2;

        Seeds.set(1);
        Sequential net = new Sequential(
                Conv.conv1d(1, width, 5, 1, 2), new BatchNorm(width), Activation.relu(), Pooling.maxPool1d(2),
                Conv.conv1d(width, 2 * width, 5, 1, 2), Activation.relu(),
                Conv.conv1d(2 * width, 2 * width, 3, 1, 1), Activation.relu(),
                AdaptiveAvgPool.global(1), Activation.flatten(1), new Linear(2 * width, 3));
        Adam opt = new Adam(net.parameters(), 1e-3);
        Tensor x = Tensor.randn(2, batch, 1, length);
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) labels[i] = i % 3;

        List<List<Long>> times = new ArrayList<>();
        for (Mode m : Mode.values()) times.add(new ArrayList<>());
        long[] allocated = new long[Mode.values().length], gcCount = new long[allocated.length], gcMillis = new long[allocated.length];
        BufferPool pool = BufferPool.global();
        for (int r = 0; r < warmupRounds + rounds; r++) {
            for (Mode m : Mode.values()) {
                pool.setMaxBytes(m == Mode.SCOPED_POOLED ? BufferPool.DEFAULT_MAX_BYTES : 0);
                long a0 = allocatedBytes(), c0 = gcCount(), g0 = gcMillis();
                for (int s = 0; s < stepsPerRound; s++) {
                    long t0 = System.nanoTime();
                    step(m, net, opt, x, labels);
                    long dt = System.nanoTime() - t0;
                    if (r >= warmupRounds) times.get(m.ordinal()).add(dt);
                }
                if (r >= warmupRounds) {
                    allocated[m.ordinal()] += allocatedBytes() - a0;
                    gcCount[m.ordinal()] += gcCount() - c0;
                    gcMillis[m.ordinal()] += gcMillis() - g0;
                }
            }
        }
        System.out.printf("conv1d net width %d, batch %d, length %d, %d threads: median step time over %d steps%n",
                width, batch, length, tandem.tensor.Tandem.numThreads(), rounds * stepsPerRound);
        for (Mode m : Mode.values()) {
            long[] t = times.get(m.ordinal()).stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("  %-16s median %8.2f ms  (p10 %8.2f, p90 %8.2f)  allocated %7.1f MB/step  %d GCs, %d ms%n",
                    m, t[t.length / 2] / 1e6, t[t.length / 10] / 1e6, t[t.length * 9 / 10] / 1e6,
                    allocated[m.ordinal()] / 1e6 / t.length, gcCount[m.ordinal()], gcMillis[m.ordinal()]);
        }
        pool.setMaxBytes(BufferPool.DEFAULT_MAX_BYTES);
        pool.resetCounters();
        step(Mode.SCOPED_POOLED, net, opt, x, labels);
        System.out.println("  pool in one steady step: " + pool.stats());
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) n += Math.max(0, b.getCollectionCount());
        return n;
    }

    private static long gcMillis() {
        long n = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) n += Math.max(0, b.getCollectionTime());
        return n;
    }

    private static void step(Mode mode, Sequential net, Adam opt, Tensor x, int[] labels) {
        if (mode == Mode.PLAIN) {
            Var loss = CrossEntropyLoss.apply(net.forward(Var.constant(x)), labels);
            opt.zeroGrad();
            loss.backward();
            opt.step();
            loss.item();
        } else {
            TrainStep.run(opt, () -> CrossEntropyLoss.apply(net.forward(Var.constant(x)), Arrays.copyOf(labels, labels.length)));
        }
    }
}
