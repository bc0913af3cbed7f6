package tandem.emotion.model.fusion;

/** Registers the fusion variants that ship with Tandem. */
final class BuiltinFusions {
    private static boolean done;

    private BuiltinFusions() {}

    static synchronized void ensureRegistered() {
        if (done) return;
        done = true;
        // "none" (late sum) has no blocks; the model handles it without a factory lookup.
        FusionRegistry.register("msaf", new MsafFusion());
        FusionRegistry.register("window", new WindowFusion());
        FusionRegistry.register("gated", new GatedSumFusion.Factory());
    }
}
