package tandem.nn;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tandem.autograd.Var;
import tandem.nn.loss.CrossEntropyLoss;
import tandem.nn.optim.Adam;
import tandem.nn.optim.Optimizer;
import tandem.tensor.Device;
import tandem.tensor.Tensor;
import tandem.tensor.memory.BufferPool;
import tandem.tensor.memory.MemoryTracker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training steps run in a scope: same numbers as without one, nothing leaks, the pool is really used. */
class TrainStepTest {
    private static final int STEPS = 6, BATCH = 24;
    private static final TinyTask TASK = new TinyTask(96, 32, 11);

    @AfterEach void restorePool() { BufferPool.global().setMaxBytes(BufferPool.DEFAULT_MAX_BYTES); }

    private static Var batchLoss(Sequential net, int step) {
        int b = (step * BATCH) % 96;
        return CrossEntropyLoss.apply(net.forward(Var.constant(TASK.x.narrow(0, b, BATCH))),
                Arrays.copyOfRange(TASK.labels, b, b + BATCH));
    }

    /** The losses of STEPS steps of a freshly seeded net, then its parameters appended. */
    private static double[] train(boolean useTrainStep) {
        Seeds.set(7);
        Sequential net = TrainingTest.tinyConvNet();
        Adam opt = new Adam(net.parameters(), 0.01);
        double[] losses = new double[STEPS];
        for (int s = 0; s < STEPS; s++) {
            int step = s;
            if (useTrainStep) {
                losses[s] = TrainStep.run(opt, () -> batchLoss(net, step));
            } else {
                Var loss = batchLoss(net, step);
                opt.zeroGrad();
                loss.backward();
                opt.step();
                losses[s] = loss.item();
            }
        }
        double[] out = Arrays.copyOf(losses, STEPS);
        for (Var p : net.parameters()) {
            double[] v = p.data().toDoubleArray();
            out = Arrays.copyOf(out, out.length + v.length);
            System.arraycopy(v, 0, out, out.length - v.length, v.length);
        }
        return out;
    }

    @Test void pooledStepsGiveBitIdenticalLossesAndWeights() {
        double[] plain = train(false);
        double[] pooled = train(true);
        BufferPool.global().setMaxBytes(0);
        double[] unpooled = train(true);
        assertArrayEquals(plain, pooled, 0.0, "a scoped, pooled step must compute exactly what a plain step does");
        assertArrayEquals(plain, unpooled, 0.0, "and so must one without the pool");
        assertTrue(plain[STEPS - 1] < plain[0], "the loss goes down: " + plain[0] + " -> " + plain[STEPS - 1]);
    }

    @Test void liveBytesReturnToBaselinePlusOptimizerStateAndSteadyStepsAllocateNothingNew() throws InterruptedException {
        Seeds.set(3);
        Sequential net = TrainingTest.tinyConvNet();
        Adam opt = new Adam(net.parameters(), 0.01);
        long paramBytes = 0;
        for (Var p : net.parameters()) paramBytes += p.data().storage().bytes();
        long baseline = settledLiveBytes();
        MemoryTracker.resetPeak(Device.CPU);
        for (int s = 0; s < 2; s++) {
            int step = s;
            TrainStep.run(opt, () -> batchLoss(net, step));
        }
        BufferPool.global().resetCounters();
        TrainStep.run(opt, () -> batchLoss(net, 2));
        BufferPool.Stats steady = BufferPool.global().stats();
        for (int s = 3; s < STEPS; s++) {
            int step = s;
            TrainStep.run(opt, () -> batchLoss(net, step));
        }
        assertTrue(MemoryTracker.peakBytes(Device.CPU) > baseline + 10 * paramBytes, "the steps did allocate");
        assertEquals(baseline + 2 * paramBytes, settledLiveBytes(), "only Adam's two moments per parameter outlive the steps");
        assertTrue(steady.hits() > 0, "a steady step draws on the pool: " + steady);
        assertEquals(0, steady.misses(), "a steady step finds every buffer it asks for in the pool: " + steady);
        assertEquals(steady.hits(), steady.returned(), "and gives back exactly what it took: " + steady);
        assertEquals(steady.pooledBytes(), BufferPool.global().stats().pooledBytes(), "so the pool does not grow step by step");
    }

    @Test void whatTheStepCreatedIsClosedUnlessKept() {
        Seeds.set(5);
        Sequential net = TrainingTest.tinyConvNet();
        Adam opt = new Adam(net.parameters(), 0.01);
        Tensor runningMean = net.stateDict().get("1.running_mean");
        assertNotNull(runningMean, "the batch norm's running mean: " + net.stateDict().keySet());
        float[] before = runningMean.toFloatArray();
        Var[] logits = new Var[1];
        Tensor[] kept = new Tensor[1];
        double loss = TrainStep.run(opt, scope -> {
            logits[0] = net.forward(Var.constant(TASK.x.narrow(0, 0, BATCH)));
            kept[0] = scope.keep(logits[0].data().copy());
            return CrossEntropyLoss.apply(logits[0], Arrays.copyOf(TASK.labels, BATCH));
        }, false);
        assertTrue(Double.isFinite(loss));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> logits[0].data().toFloatArray());
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertEquals(BATCH * 3, kept[0].toFloatArray().length, "the kept copy survives");
        for (Var p : opt.params()) assertNull(p.grad(), "gradients are cleared, never left pointing at closed memory");
        assertFalse(Arrays.equals(before, runningMean.toFloatArray()), "running statistics were updated in place and survive");
    }

    @Test void keptGradientsSurvive() {
        Seeds.set(5);
        Sequential net = TrainingTest.tinyConvNet();
        Optimizer opt = new Adam(net.parameters(), 0.01);
        TrainStep.run(opt, scope -> batchLoss(net, 0), true);
        for (Var p : opt.params()) {
            assertNotNull(p.grad());
            assertEquals(p.data().numel(), p.grad().toFloatArray().length);
        }
        double next = TrainStep.run(opt, () -> batchLoss(net, 1));
        assertTrue(Double.isFinite(next), "the next step starts from cleared gradients");
    }

    @Test void aNonScalarLossIsRejectedByName() {
        Seeds.set(5);
        Sequential net = TrainingTest.tinyConvNet();
        Optimizer opt = new Adam(net.parameters(), 0.01);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainStep.run(opt, () -> net.forward(Var.constant(TASK.x.narrow(0, 0, 4)))));
        assertTrue(e.getMessage().contains("TrainStep") && e.getMessage().contains("[4, 3]"), e.getMessage());
        for (Var p : opt.params()) assertNull(p.grad());
    }

    /** Live bytes once the Cleaner has caught up with garbage from earlier tests. */
    private static long settledLiveBytes() throws InterruptedException {
        long last = Long.MIN_VALUE;
        for (int stable = 0, tries = 0; stable < 3 && tries < 100; tries++) {
            System.gc();
            Thread.sleep(10);
            long now = MemoryTracker.liveBytes(Device.CPU);
            stable = now == last ? stable + 1 : 0;
            last = now;
        }
        return last;
    }
}
