package tandem.emotion.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tandem.autograd.Var;
import tandem.nn.Seeds;
import tandem.nn.TrainStep;
import tandem.nn.loss.CrossEntropyLoss;
import tandem.nn.optim.Adam;
import tandem.tensor.Device;
import tandem.tensor.memory.MemoryTracker;

/** Every integer of a spec in its range, and the size of the model known (exactly for parameters) before it is built. */
class ModelSpecLimitsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "classes=10000000                       | classes=10000000 is out of range; allowed: 2 to 1000",
        "classes=-1                             | classes=-1 is out of range; allowed: 2 to 1000",
        "classes=99999999999999999999           | classes=99999999999999999999 is not an integer; allowed: 2 to 1000",
        "video.size=100000                      | video.size=100000 is out of range; allowed: 1 to 1024",
        "video.size=1e5                         | video.size=1e5 is not an integer; allowed: 1 to 1024",
        "video.frames=1000000                   | video.frames=1000000 is out of range; allowed: 1 to 30",
        "audio.frames=11                        | audio.frames=11 is out of range; allowed: 12 to 16384",
        "fusion=window,fusion.dim=2000000000    | fusion.dim=2000000000 is out of range; allowed: 1 to 8192",
        "fusion=window,fusion.windows=-3        | fusion.windows=-3 is out of range; allowed: 0 to 1024",
        "fusion=msaf,fusion.blockChannels=0     | fusion.blockChannels=0 is out of range; allowed: 1 to 4096",
        "fusion=msaf,fusion.reduction=9999999   | fusion.reduction=9999999 is out of range",
        "fusion=gated,fusion.hidden=2147483648  | fusion.hidden=2147483648 is out of range",
    })
    void everyIntegerIsRangeCheckedNamingKeyValueAndRange(String text, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse(text));
        assertTrue(e.getMessage().contains(message), "'" + text + "' gave: " + e.getMessage());
    }

    @Test
    void parameterCountsAreExactBeforeBuilding() {
        List<String> specs = List.of("", "head=classmap", "modality=video,head=classmap", "modality=audio,audio.frames=300",
                "fusion=window,head=classmap", "fusion=window,fusion.dim=48,points=mid+late,classes=7", "fusion=msaf",
                "fusion=msaf,fusion.blockChannels=12,fusion.reduction=2", "fusion=gated,fusion.hidden=20,head=classmap",
                "preset=small,fusion=msaf,head=classmap,video.size=40", "preset=small,fusion=window,video.frames=20,classes=3",
                "fusion=window,head=classmap,head.reduction=4", "head=classmap,head.minHidden=40,head.score=plain");
        for (String text : specs) {
            ModelSpec spec = ModelSpec.parse(text);
            Seeds.set(1);
            long built = new EmotionModel(spec).parameterCount();
            assertEquals(built, ModelSpecLimits.footprint(spec).parameters(), text);
        }
    }

    @Test
    void ravdessIsSizedWithoutBuildingIt() {
        // 25.94 M with MSAF (design notes); the footprint says so without allocating a single weight
        long p = ModelSpecLimits.footprint(ModelSpec.parse("preset=ravdess,fusion=msaf,classes=8")).parameters();
        assertEquals(25.94e6, p, 0.01e6, "parameters: " + p);
    }

    @Test
    void aSpecTooLargeForThisJvmIsRefusedWithItsNumbers() {
        // in range key by key, but training 512 full-size RAVDESS clips at once holds terabytes of activations
        ModelSpec big = ModelSpec.parse("preset=ravdess,video.size=1024,classes=1000");
        var e = assertThrows(IllegalArgumentException.class, () -> ModelSpecLimits.requireMemory(big, 512, true, "train"));
        assertTrue(e.getMessage().matches("train: training with batch 512 needs about [0-9.]+ GiB \\([0-9,]+ parameters; [0-9,]+ activation values per"
                + " sample\\), more than the [0-9.]+ GiB this JVM may use.*"), e.getMessage());
        ModelSpecLimits.requireMemory(ModelSpec.parse(""), 8, true, "train");   // the default fits anywhere
    }

    /**
     * The activation estimate against the live bytes measured over one training step: it must not be below what a
     * step really holds (or it would let a run through that then dies), nor far above (or it would refuse runs that fit).
     */
    @Test
    void theTrainingEstimateBoundsAMeasuredStep() {
        for (String text : List.of("fusion=window,head=classmap", "preset=small,fusion=msaf")) {
            ModelSpec spec = ModelSpec.parse(text);
            int batch = 4;
            Seeds.set(3);
            EmotionModel model = new EmotionModel(spec);
            Adam adam = new Adam(model.parameters(), 1e-3);
            Var video = TestVariants.randn(1, batch, spec.preset().videoShape()), audio = TestVariants.randn(2, batch, spec.preset().audioShape());
            TrainStep.run(adam, () -> CrossEntropyLoss.apply(model.forward(video, audio), new int[] {0, 1, 2, 3}));   // optimizer state exists now
            settleReleases();
            long before = MemoryTracker.liveBytes(Device.CPU);
            MemoryTracker.resetPeak(Device.CPU);
            TrainStep.run(adam, () -> CrossEntropyLoss.apply(model.forward(video, audio), new int[] {0, 1, 2, 3}));
            long measured = MemoryTracker.peakBytes(Device.CPU) - before;
            Footprint f = ModelSpecLimits.footprint(spec);
            long estimated = ModelSpecLimits.bytesNeeded(f, batch, true) - 4L * ModelSpecLimits.TRAINING_COPIES * f.parameters();
            System.out.printf(Locale.ROOT, "%s: one step held %.1f MB above the model, estimated %.1f MB%n", text, measured / 1e6, estimated / 1e6);
            assertTrue(estimated >= measured, text + ": estimate " + estimated + " below measured " + measured);
            assertTrue(estimated <= 4 * measured, text + ": estimate " + estimated + " over 4x measured " + measured);
        }
    }

    /**
     * Lets the Cleaner release what earlier tests in this JVM left unreachable, until the live count stops moving: a
     * release during the measured step lowers the live count under the step's own allocations, and in a full suite
     * run once hid the whole step (measured 0).
     */
    private static void settleReleases() {
        long last = -1;
        for (int i = 0; i < 20; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = MemoryTracker.liveBytes(Device.CPU);
            if (now == last) return;
            last = now;
        }
    }
}
