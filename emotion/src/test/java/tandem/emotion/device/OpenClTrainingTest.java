package tandem.emotion.device;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tandem.autograd.Var;
import tandem.emotion.model.EmotionModel;
import tandem.emotion.model.ModelSpec;
import tandem.nn.Seeds;
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
 * A few training steps of the tiny proposed model on OpenCL match the same steps on the CPU, and the device's live
 * bytes return to where they started once the model and its tensors are released.
 */
class OpenClTrainingTest {
    static final Device CL = Device.parse("opencl");

    static List<Double> train(Device device, Tensor video, Tensor audio, int[] labels, int steps) {
        Seeds.set(3);
        EmotionModel model = new EmotionModel(ModelSpec.parse("preset=tiny,fusion=window,head=classmap"));
        model.to(device);
        Adam adam = new Adam(model.parameters(), 2e-3);
        List<Double> losses = new ArrayList<>();
        Var v = Var.constant(video.to(device)), a = Var.constant(audio.to(device));
        for (int s = 0; s < steps; s++) {
            Var loss = CrossEntropyLoss.apply(model.forward(v, a), labels);
            adam.zeroGrad();
            loss.backward();
            adam.step();
            losses.add(loss.item());
        }
        return losses;
    }

    @Test void tinyProposedModelTrainsOnOpenClLikeOnTheCpu() {
        assumeTrue(Backends.isAvailable(CL), "no OpenCL device (install an OpenCL driver, e.g. pocl-opencl-icd)");
        Tensor video = Tensor.randn(1, 4, 3, 16, 32, 32), audio = Tensor.randn(2, 4, 13, 76);
        int[] labels = {0, 1, 2, 3};
        List<Double> cpu = train(Device.CPU, video, audio, labels, 3);
        long before = MemoryTracker.liveBytes(CL);
        List<Double> cl = train(CL, video, audio, labels, 3);
        for (int i = 0; i < cpu.size(); i++) {
            // float32 sums in different orders: the same trajectory to a few parts in ten thousand
            assertEquals(cpu.get(i), cl.get(i), 1e-3 + 1e-3 * Math.abs(cpu.get(i)), "loss at step " + i);
        }
        assertTrue(cl.get(2) < cl.get(0), "the loss goes down on OpenCL: " + cl);
        System.gc();
        long deadline = System.currentTimeMillis() + 10_000;
        while (MemoryTracker.liveBytes(CL) != before && System.currentTimeMillis() < deadline) {
            System.gc();
            try { Thread.sleep(50); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }
        assertEquals(before, MemoryTracker.liveBytes(CL), "device bytes still live after the model and its tensors are gone");
    }
}
