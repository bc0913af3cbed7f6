package tandem.nn;

import tandem.tensor.CounterRng;
import tandem.tensor.Tensor;

/**
 * A generated 1-D classification task for training tests: class 0 is a slow sine, class 1 a fast sine, class 2 a
 * rising ramp; random phase, amplitude and noise. x: (N, 1, L).
 */
final class TinyTask {
    final Tensor x;
    final int[] labels;

    TinyTask(int n, int length, long seed) {
        float[] data = new float[n * length];
        labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            labels[i] = c;
            double phase = 2 * Math.PI * CounterRng.uniform(seed, 4L * i);
            double amp = 0.5 + CounterRng.uniform(seed, 4L * i + 1);
            for (int t = 0; t < length; t++) {
                double u = (double) t / length;
                double v = switch (c) {
                    case 0 -> Math.sin(2 * Math.PI * 2 * u + phase);
                    case 1 -> Math.sin(2 * Math.PI * 7 * u + phase);
                    default -> 2 * u - 1;
                };
                double noise = 0.3 * CounterRng.normal(seed + 1, (long) i * length + t);
                data[i * length + t] = (float) (amp * v + noise);
            }
        }
        x = Tensor.of(data, n, 1, length);
    }
}
