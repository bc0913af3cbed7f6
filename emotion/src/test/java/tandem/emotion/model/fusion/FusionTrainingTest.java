package tandem.emotion.model.fusion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tandem.autograd.Var;
import tandem.emotion.model.head.CombinedHead;
import tandem.nn.Module;
import tandem.nn.Seeds;
import tandem.nn.loss.CrossEntropyLoss;
import tandem.nn.optim.Adam;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.RandomKind;
import tandem.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every fusion variant with every head learns: a few Adam steps on a tiny fixed batch lower the cross-entropy. */
class FusionTrainingTest {
    private static final int BATCH = 8, CLASSES = 4, CV = 8, CA = 8, T = 4, L = 8;

    @Test void adamStepsLowerTheLossThroughEveryBlockAndHead() {
        for (String fusion : List.of("msaf", "window", "gated")) {
            for (String head : List.of("linear", "classmap")) {
                double[] losses = train(fusion, head, 30);
                assertTrue(losses[1] < 0.8 * losses[0], fusion + " + " + head + ": loss " + losses[0] + " -> " + losses[1]);
            }
        }
    }

    private static double[] train(String fusion, String head, int steps) {
        Seeds.set(61);
        FusionOptions options = new FusionOptions(fusion.equals("window") ? Map.of("dim", "8") : Map.of());
        Module block = FusionRegistry.get(fusion).create(FusionPoint.LATE, CV, CA, options);
        CombinedHead classifier = CombinedHead.named(head, CV, CA, L, CLASSES);
        List<Var> params = new ArrayList<>(block.parameters());
        params.addAll(classifier.parameters());
        Adam adam = new Adam(params, 0.02);

        // labels shift a few channels of both modalities, so the batch is learnable but not trivially separable
        int[] labels = {0, 1, 2, 3, 0, 1, 2, 3};
        Tensor video = Tensor.random(RandomKind.NORMAL, 1, 0, 1, DType.F32, Device.CPU, BATCH, CV, T, 2, 2);
        Tensor audio = Tensor.random(RandomKind.NORMAL, 2, 0, 1, DType.F32, Device.CPU, BATCH, CA, L);
        double first = 0, last = 0;
        for (int step = 0; step < steps; step++) {
            adam.zeroGrad();
            FusionBlock.Fused fused = ((FusionBlock) block).forward(Var.constant(video), Var.constant(audio));
            Var loss = CrossEntropyLoss.apply(classifier.forward(fused.video().relu(), fused.audio().relu()), labels);
            loss.backward();
            adam.step();
            if (step == 0) first = loss.item();
            last = loss.item();
        }
        return new double[] {first, last};
    }
}
