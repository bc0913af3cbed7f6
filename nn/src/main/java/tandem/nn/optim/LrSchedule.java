package tandem.nn.optim;

/** Learning rate as a function of the epoch (0-based). */
@FunctionalInterface
public interface LrSchedule {
    double lr(int epoch);

    static LrSchedule constant(double lr) { return e -> lr; }

    /** lr * gamma^(epoch / stepSize), as PyTorch's StepLR. */
    static LrSchedule step(double lr, int stepSize, double gamma) {
        if (stepSize < 1) throw new IllegalArgumentException("step schedule: stepSize must be >= 1");
        return e -> lr * Math.pow(gamma, e / stepSize);
    }

    /** Linear warm-up over {@code warmup} epochs, then cosine decay from lr to minLr at {@code total}. */
    static LrSchedule cosine(double lr, double minLr, int total, int warmup) {
        if (total < 1 || warmup < 0 || warmup >= total) throw new IllegalArgumentException("cosine schedule: need 0 <= warmup < total");
        return e -> {
            if (e < warmup) return lr * (e + 1) / (warmup + 1);
            double t = Math.min(1.0, (double) (e - warmup) / Math.max(1, total - warmup));
            return minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * t));
        };
    }
}
