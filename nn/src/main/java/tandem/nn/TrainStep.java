package tandem.nn;

import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Supplier;
import tandem.autograd.Var;
import tandem.nn.optim.Optimizer;
import tandem.tensor.memory.MemoryScope;
import tandem.tensor.profile.Profiler;

/**
 * One optimisation step (zero the gradients, compute the loss, backpropagate, update) inside a {@link MemoryScope},
 * so that every tensor the step creates goes back to the {@link tandem.tensor.memory.BufferPool} when it ends and the next
 * step reuses the same buffers instead of allocating them anew.
 * <pre>{@code
 * for (Batch b : batches) {
 *     double loss = TrainStep.run(optimizer, () -> CrossEntropyLoss.apply(net.forward(Var.constant(b.x())), b.labels()));
 * }
 * }</pre>
 *
 * <p><b>What survives the step:</b> the parameters (updated in place), the optimizer's state (created outside the
 * scope on the first step, updated in place after), batch-norm running statistics (updated in place), every tensor
 * that existed before the step (inputs included), and the returned loss value. With {@code keepGrads} the
 * parameters' gradients survive too; otherwise they are cleared.
 *
 * <p><b>What does not:</b> every tensor created inside the step — activations, the loss tensor, gradients of
 * intermediate values, captured hook values, temporaries. They are closed, and reading one afterwards fails with
 * an error that says it was closed. To take a value out (logits for accuracy, an attention map), use the
 * two-argument form and {@code scope.keep(tensor)} inside the loss function, or copy it into a plain array there.
 * The step starts by clearing gradients, so it does not accumulate over several calls.
 *
 * <p>While a {@link Profiler} records, each step is a region named {@value #REGION}.
 */
public final class TrainStep {
    /** The profiler region of one step. */
    public static final String REGION = "train_step";

    private TrainStep() {}

    /** Runs one step and returns the loss value; gradients are cleared at the end. */
    public static double run(Optimizer optimizer, Supplier<Var> lossFn) {
        return run(optimizer, scope -> lossFn.get(), false);
    }

    /**
     * Runs one step and returns the loss value. {@code lossFn} receives the step's scope, to {@code keep} what it
     * wants to outlive the step. {@code keepGrads}: leave each parameter's gradient on it after the step (released
     * by the garbage collector once replaced, not by the pool); otherwise gradients are cleared.
     */
    public static double run(Optimizer optimizer, Function<MemoryScope, Var> lossFn, boolean keepGrads) {
        return run(optimizer, lossFn, keepGrads, () -> { });
    }

    /**
     * As {@link #run(Optimizer, Function, boolean)}, calling {@code beforeUpdate} between the backward pass and the
     * update, while the gradients are there to inspect: an exception it throws ends the step with the parameters
     * untouched (a training loop refusing a non-finite gradient).
     */
    public static double run(Optimizer optimizer, Function<MemoryScope, Var> lossFn, boolean keepGrads, Runnable beforeUpdate) {
        Profiler.Scope region = Profiler.region(REGION);
        optimizer.zeroGrad();
        boolean kept = false;
        try (region; MemoryScope scope = MemoryScope.open()) {
            Var loss = lossFn.apply(scope);
            if (loss == null) throw new IllegalArgumentException("TrainStep: the loss function returned null");
            if (loss.data().numel() != 1) {
                throw new IllegalArgumentException("TrainStep: the loss must be a scalar, got shape "
                        + Arrays.toString(loss.shape()));
            }
            loss.backward();
            beforeUpdate.run();
            optimizer.step();
            double value = loss.item();
            if (keepGrads) {
                for (Var p : optimizer.params()) if (p.grad() != null) scope.keep(p.grad());
                kept = true;
            }
            return value;
        } finally {
            // Gradients born in the scope are closed with it; a parameter must not keep pointing at one.
            if (!kept) optimizer.zeroGrad();
        }
    }
}
