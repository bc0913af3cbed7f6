package tandem.nn;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tandem.autograd.GradMode;
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

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tiny conv net learns a generated task: the whole stack (kernels, autograd, layers, optimizer) end to end. */
class TrainingTest {
    static Sequential tinyConvNet() {
        return new Sequential(
                Conv.conv1d(1, 8, 5, 1, 2), new BatchNorm(8), Activation.relu(), Pooling.maxPool1d(2),
                Conv.conv1d(8, 16, 5, 1, 2), Activation.relu(),
                AdaptiveAvgPool.global(1), Activation.flatten(1), new Linear(16, 3));
    }

    static double accuracy(Sequential net, TinyTask task) {
        net.eval();
        try (GradMode off = GradMode.off()) {
            float[] logits = net.forward(Var.constant(task.x)).data().toFloatArray();
            int correct = 0;
            for (int i = 0; i < task.labels.length; i++) {
                int best = 0;
                for (int c = 1; c < 3; c++) if (logits[i * 3 + c] > logits[i * 3 + best]) best = c;
                if (best == task.labels[i]) correct++;
            }
            return (double) correct / task.labels.length;
        } finally {
            net.train(true);
        }
    }

    @Test void tinyConvNetLearnsAGeneratedTask() {
        Seeds.set(7);
        Sequential net = tinyConvNet();
        TinyTask train = new TinyTask(96, 32, 11), test = new TinyTask(60, 32, 99);
        Adam opt = new Adam(net.parameters(), 0.01);
        double firstLoss = Double.NaN, lastLoss = Double.NaN;
        int batch = 24;
        for (int epoch = 0; epoch < 25; epoch++) {
            for (int b = 0; b < 96; b += batch) {
                Tensor xb = train.x.narrow(0, b, batch);
                int[] yb = Arrays.copyOfRange(train.labels, b, b + batch);
                Var loss = CrossEntropyLoss.apply(net.forward(Var.constant(xb)), yb);
                opt.zeroGrad();
                loss.backward();
                opt.step();
                if (Double.isNaN(firstLoss)) firstLoss = loss.item();
                lastLoss = loss.item();
            }
        }
        double acc = accuracy(net, test);
        // chance is 1/3 and the initial loss about ln 3 = 1.10
        assertTrue(lastLoss < 0.35, "final training loss " + lastLoss + " (first " + firstLoss + ")");
        assertTrue(acc >= 0.9, "held-out accuracy " + acc);
    }
}
