package tandem.nn.examples;

import tandem.autograd.GradMode;
import tandem.autograd.Var;
import tandem.nn.Seeds;
import tandem.nn.Sequential;
import tandem.nn.TrainStep;
import tandem.nn.layers.Activation;
import tandem.nn.layers.Linear;
import tandem.nn.loss.CrossEntropyLoss;
import tandem.nn.optim.Adam;
import tandem.tensor.Tensor;

/** A two-layer perceptron learns XOR on the CPU: the smallest complete program on tandem-nn. */
public final class XorExample {
    static final float[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    static final int[] TARGETS = {0, 1, 1, 0};

    public static void main(String[] args) {
        Sequential net = train(500);
        int[] predicted = classify(net);
        for (int i = 0; i < INPUTS.length; i++) {
            System.out.printf("%.0f xor %.0f = %d%n", INPUTS[i][0], INPUTS[i][1], predicted[i]);
        }
    }

    /** Full-batch Adam on the four points; prints the loss every 100 steps. */
    static Sequential train(int steps) {
        Seeds.set(7);                                                 // the same initial weights on every run
        Sequential net = new Sequential(new Linear(2, 8), Activation.tanh(), new Linear(8, 2));
        Adam adam = new Adam(net.parameters(), 0.05);
        Var x = Var.constant(Tensor.of(flatten(INPUTS), INPUTS.length, 2));   // x: (4, 2)
        for (int step = 1; step <= steps; step++) {
            // zero the gradients, forward, backward, update; every temporary tensor is freed when the step ends
            double loss = TrainStep.run(adam, () -> CrossEntropyLoss.apply(net.forward(x), TARGETS));
            if (step % 100 == 0) System.out.printf("step %d: loss %.4f%n", step, loss);
        }
        return net;
    }

    /** The class with the larger logit, per input row. */
    static int[] classify(Sequential net) {
        float[] logits;                                               // (4, 2), row-major
        try (GradMode off = GradMode.off()) {                         // inference: record no graph
            logits = net.forward(Var.constant(Tensor.of(flatten(INPUTS), INPUTS.length, 2))).data().toFloatArray();
        }
        int[] out = new int[INPUTS.length];
        for (int i = 0; i < out.length; i++) out[i] = logits[2 * i + 1] > logits[2 * i] ? 1 : 0;
        return out;
    }

    private static float[] flatten(float[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, flat, i * rows[i].length, rows[i].length);
        return flat;
    }
}
