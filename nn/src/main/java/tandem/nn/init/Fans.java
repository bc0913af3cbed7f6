package tandem.nn.init;

import java.util.Arrays;

/**
 * Fan-in and fan-out of a weight, computed as PyTorch does: for a weight (O, I, *K), as stored by Linear (O, I)
 * and ConvNd (O, C/groups, *K), fan_in = I x prod(K) and fan_out = O x prod(K). Groups therefore shrink fan-in
 * through the stored shape, not through a separate argument.
 */
public record Fans(int fanIn, int fanOut) {
    public static Fans of(int... shape) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("fans: a weight needs at least 2 dimensions (out, in, *kernel), got shape "
                    + Arrays.toString(shape));
        }
        try {
            int receptive = 1;
            for (int i = 2; i < shape.length; i++) receptive = Math.multiplyExact(receptive, shape[i]);
            return new Fans(Math.multiplyExact(shape[1], receptive), Math.multiplyExact(shape[0], receptive));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("fans: shape " + Arrays.toString(shape) + " overflows an int fan");
        }
    }
}
