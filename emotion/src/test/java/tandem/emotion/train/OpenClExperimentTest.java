package tandem.emotion.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tandem.emotion.model.EmotionModel;
import tandem.emotion.protocol.Folds;
import tandem.tensor.Device;
import tandem.tensor.backend.Backends;
import tandem.tensor.memory.MemoryTracker;

/**
 * The protocol's training (two folds of two epochs of the tiny proposed model, as {@code ./tandem train} runs them)
 * on OpenCL against the CPU: the same predictions up to float rounding, so the same fold accuracies within one
 * sample, and once the run's models are gone the device holds the bytes it held before.
 */
class OpenClExperimentTest {
    static final Device CL = Device.parse("opencl");

    static RunResult run(String device, Path out) throws Exception {
        ExperimentConfig cfg = new ExperimentConfig(Path.of("manifest.csv"), ResumeTest.SPEC.toString(), Folds.Kind.RANDOM, 2, 1, 0,
                new TrainConfig(2, 6, 0.002, 0, 11), device);
        try (Experiment.Progress p = new Experiment.Progress("test", 1, 2, 2, 6, 12)) {
            return Experiment.run("test", cfg, ResumeTest.samples(), () -> new EmotionModel(ResumeTest.SPEC), ResumeTest.INPUT,
                    out, ResumeTest.CLASSES, p);
        }
    }

    @Test void protocolTrainingOnOpenClMatchesTheCpuAndReleasesTheDevice(@TempDir Path dir) throws Exception {
        assumeTrue(Backends.isAvailable(CL), "no OpenCL device (install an OpenCL driver, e.g. pocl-opencl-icd)");
        RunResult cpu = run("cpu", dir.resolve("cpu"));
        long before = MemoryTracker.liveBytes(CL);
        RunResult cl = run("opencl", dir.resolve("opencl"));
        double[] a = cpu.foldAccuracies(), b = cl.foldAccuracies();
        assertEquals(a.length, b.length);
        int agree = 0, total = 0;
        for (int f = 0; f < a.length; f++) {
            int n = cpu.folds().get(f).predicted().length;
            assertEquals(a[f], b[f], 1.0 / n + 1e-9, "fold " + f + " accuracy on OpenCL vs CPU");
            for (int i = 0; i < n; i++, total++) if (cpu.folds().get(f).predicted()[i] == cl.folds().get(f).predicted()[i]) agree++;
        }
        assertTrue(agree >= total - 1, agree + " of " + total + " test predictions agree");
        System.out.printf("[device training] protocol run: fold accuracies cpu %s, opencl %s%n", Arrays.toString(a),
                Arrays.toString(b));

        long deadline = System.currentTimeMillis() + 10_000;
        while (MemoryTracker.liveBytes(CL) != before && System.currentTimeMillis() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        assertEquals(before, MemoryTracker.liveBytes(CL), "device bytes still live after the run's models are gone");
    }
}
