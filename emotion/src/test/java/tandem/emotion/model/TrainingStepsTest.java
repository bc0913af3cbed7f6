package tandem.emotion.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.autograd.Var;
import tandem.nn.Seeds;
import tandem.nn.loss.CrossEntropyLoss;
import tandem.nn.optim.Adam;

/** A few Adam steps on one fixed tiny batch must lower the loss of every variant: gradients reach every part. */
class TrainingStepsTest {
    private static final int BATCH = 4, STEPS = 12;
    private static final int[] LABELS = {0, 1, 2, 3};

    @BeforeAll
    static void variants() { TestVariants.register(); }

    private static List<String> specs() {
        List<String> specs = new ArrayList<>(List.of("fusion=none", "fusion=none,head=" + TestVariants.HEAD, "modality=video", "modality=audio"));
        for (String fusion : TestVariants.fusions()) specs.add("fusion=" + fusion);
        for (String head : HeadRegistry.names()) if (!head.equals("linear") && !head.equals(TestVariants.HEAD)) specs.add("head=" + head);
        return specs;
    }

    @Test
    void adamLowersTheLossOnAFixedBatchForEveryVariant() {
        ModelPreset p = ModelPreset.TINY;
        Var video = TestVariants.randn(21, BATCH, p.videoShape());
        Var audio = TestVariants.randn(22, BATCH, p.audioShape());
        List<String> report = new ArrayList<>();
        for (String spec : specs()) {
            Seeds.set(7);
            EmotionModel model = new EmotionModel(ModelSpec.parse(spec));
            Adam adam = new Adam(model.parameters(), 3e-3);
            double first = Double.NaN, last = Double.POSITIVE_INFINITY;
            for (int step = 0; step < STEPS; step++) {
                adam.zeroGrad();
                Var loss = CrossEntropyLoss.apply(model.forward(video, audio), LABELS);
                loss.backward();
                adam.step();
                if (step == 0) first = loss.item();
                // MSAF's block dropout makes single steps noisy: judge by the best of the last three
                if (step >= STEPS - 3) last = Math.min(last, loss.item());
            }
            report.add(spec + ": " + first + " -> " + last);
            assertTrue(last < 0.5 * first, "loss of " + spec + " did not halve in " + STEPS + " steps (best of the last 3): " + first + " -> " + last);
        }
        System.out.println(String.join("\n", report));
    }
}
