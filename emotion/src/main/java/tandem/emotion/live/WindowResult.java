package tandem.emotion.live;

/**
 * What the model made of one window.
 *
 * @param probabilities the softmax of the window's logits, in the checkpoint's class order
 * @param predicted     this window's own decision (its most probable class)
 * @param smoothed      the decision smoothed over the last windows
 * @param latencyMillis from the arrival of the window's last frame to this result
 * @param dropped       windows dropped so far because inference fell behind
 */
public record WindowResult(long index, double start, double end, double[] probabilities, int predicted, int smoothed,
                           double latencyMillis, long dropped) {
    public WindowResult {
        probabilities = probabilities.clone();
    }

    @Override
    public double[] probabilities() { return probabilities.clone(); }
}
