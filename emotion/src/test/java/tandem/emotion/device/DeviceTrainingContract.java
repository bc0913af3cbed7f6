package tandem.emotion.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tandem.autograd.Var;
import tandem.emotion.model.EmotionModel;
import tandem.emotion.model.ModelSpec;
import tandem.nn.Seeds;
import tandem.nn.TrainStep;
import tandem.nn.loss.CrossEntropyLoss;
import tandem.nn.optim.Adam;
import tandem.tensor.Device;
import tandem.tensor.Tensor;
import tandem.tensor.backend.Backends;
import tandem.tensor.memory.MemoryTracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Training steps of the tiny proposed model (window fusion, class-map head) on a device match the same steps on the CPU.
 * Between steps the parameters, their gradients and Adam's moments stay on the device: a step downloads only its loss
 * and uploads only its one-hot targets, and it runs the fused attention, SE and Adam kernels.
 * The device's live bytes return to where they started once the model and its tensors are released. A subclass names
 * the device; without it the test is skipped with the reason.
 */
abstract class DeviceTrainingContract {
    static final int STEPS = 3;

    abstract Device device();

    record Run(List<Double> losses, List<long[]> bytesPerStep, Map<String, Long> launches) {}

    static Run train(Device device, Tensor video, Tensor audio, int[] labels) {
        Seeds.set(3);
        EmotionModel model = new EmotionModel(ModelSpec.parse("preset=tiny,fusion=window,head=classmap"));
        model.to(device);
        Adam adam = new Adam(model.parameters(), 2e-3);
        List<Double> losses = new ArrayList<>();
        List<long[]> bytes = new ArrayList<>();
        Var v = Var.constant(video.to(device)), a = Var.constant(audio.to(device));
        Map<String, Long> before = Backends.get(device).kernelLaunches();
        for (int s = 0; s < STEPS; s++) {
            long up = MemoryTracker.uploadedBytes(device), down = MemoryTracker.downloadedBytes(device);
            losses.add(TrainStep.run(adam, scope -> CrossEntropyLoss.apply(model.forward(v, a), labels), true));
            bytes.add(new long[] {MemoryTracker.uploadedBytes(device) - up, MemoryTracker.downloadedBytes(device) - down});
            for (Var p : model.parameters()) {
                assertEquals(device, p.data().device(), "parameter on " + p.data().device());
                assertEquals(device, p.grad().device(), "gradient on " + p.grad().device());
            }
            for (Map.Entry<String, Tensor> e : adam.stateDict().entrySet()) {
                if (!e.getKey().equals("steps")) assertEquals(device, e.getValue().device(), "optimizer state " + e.getKey());
            }
        }
        Map<String, Long> after = new TreeMap<>(Backends.get(device).kernelLaunches());
        after.replaceAll((k, n) -> n - before.getOrDefault(k, 0L));
        return new Run(losses, bytes, after);
    }

    @Test void tinyProposedModelTrainsOnTheDeviceLikeOnTheCpu() {
        Device dev = device();
        try {
            Backends.get(dev);
        } catch (RuntimeException | LinkageError e) {
            assumeTrue(false, dev + " unavailable: " + e.getMessage());
        }
        Tensor video = Tensor.randn(1, 4, 3, 16, 32, 32), audio = Tensor.randn(2, 4, 13, 76);
        int[] labels = {0, 1, 2, 3};
        List<Double> cpu = train(Device.CPU, video, audio, labels).losses();
        long before = MemoryTracker.liveBytes(dev);
        Run cl = train(dev, video, audio, labels);
        for (int i = 0; i < cpu.size(); i++) {
            // float32 sums in different orders: the same trajectory to a few parts in ten thousand
            assertEquals(cpu.get(i), cl.losses().get(i), 1e-3 + 1e-3 * Math.abs(cpu.get(i)), "loss at step " + i);
        }
        assertTrue(cl.losses().get(2) < cl.losses().get(0), "the loss goes down on " + dev + ": " + cl.losses());

        for (int s = 0; s < STEPS; s++) {
            long up = cl.bytesPerStep().get(s)[0], down = cl.bytesPerStep().get(s)[1];
            System.out.println("[device training] " + dev + " step " + s + ": " + up + " bytes host->device, " + down + " bytes device->host");
            assertEquals(4, down, "step " + s + " downloads only its F32 loss");
            // the one-hot targets: B x C floats
            assertEquals(4L * labels.length * 4, up, "step " + s + " uploads only its targets");
        }
        for (String k : new String[] {"window_attention_fwd", "window_attention_bwd", "se_excite_fwd", "se_excite_bwd"}) {
            assertTrue(cl.launches().getOrDefault(k, 0L) >= STEPS, k + " ran in every step: " + cl.launches());
        }
        assertEquals((long) STEPS * new EmotionModel(ModelSpec.parse("preset=tiny,fusion=window,head=classmap")).parameters().size(),
                cl.launches().get("adam"), "one adam launch per parameter tensor per step");

        System.gc();
        long deadline = System.currentTimeMillis() + 10_000;
        while (MemoryTracker.liveBytes(dev) != before && System.currentTimeMillis() < deadline) {
            System.gc();
            try { Thread.sleep(50); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }
        assertEquals(before, MemoryTracker.liveBytes(dev), "device bytes still live after the model and its tensors are gone");
    }
}
