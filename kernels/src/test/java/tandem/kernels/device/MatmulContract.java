package tandem.kernels.device;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tandem.tensor.DType;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batched, broadcast, transposed matmul on shapes that do not divide the tile. */
public interface MatmulContract extends DeviceFixture {
    Tolerance F32 = new Tolerance(1e-5, 1e-4);
    Tolerance F64 = new Tolerance(1e-12, 1e-12);

    @Test
    default void matmulMatchesOnOddShapes() {
        int[][][] cases = {
            {{1, 1}, {1, 1}},
            {{7, 13}, {13, 5}},
            {{17, 41}, {41, 19}},      // K spans three tiles, M and N are not multiples of the tile
            {{3, 1, 2}, {3, 2, 37}},   // batched, M = 1
            {{2, 1, 5, 9}, {3, 9, 4}}, // batch dims broadcast: (2, 1) with (3) -> (2, 3)
            {{4, 0}, {0, 3}},          // K = 0: zeros
        };
        for (DType dt : dtypes()) {
            long seed = 31;
            for (int[][] c : cases) {
                Pair a = Pair.normal(device(), dt, seed++, c[0]);
                Pair b = Pair.normal(device(), dt, seed++, c[1]);
                Tolerance.of(dt, F32, F64).check("matmul " + Arrays.deepToString(c) + " " + dt, device(),
                        backend().matmul(a.dev(), b.dev()), cpu().matmul(a.cpu(), b.cpu()));
            }
        }
    }

    @Test
    default void matmulReadsTransposedAndBroadcastViewsWithoutCopies() {
        for (DType dt : dtypes()) {
            Pair at = Pair.normal(device(), dt, 41, 23, 18).view(t -> t.transpose(0, 1));              // (18, 23) strided
            Pair bt = Pair.normal(device(), dt, 42, 3, 29, 23).view(t -> t.transpose(1, 2));           // (3, 23, 29)
            Tolerance.of(dt, F32, F64).check("matmul transposed " + dt, device(), backend().matmul(at.dev(), bt.dev()),
                    cpu().matmul(at.cpu(), bt.cpu()));
            Pair w = Pair.normal(device(), dt, 43, 1, 6, 5).view(t -> t.expand(4, 6, 5));             // stride-0 batch
            Pair x = Pair.normal(device(), dt, 44, 4, 5, 2);
            Tolerance.of(dt, F32, F64).check("matmul expanded " + dt, device(), backend().matmul(w.dev(), x.dev()),
                    cpu().matmul(w.cpu(), x.cpu()));
        }
    }

    @Test
    default void matmulNamesBothShapesOnMismatch() {
        Pair a = Pair.normal(device(), DType.F32, 45, 3, 4);
        Pair b = Pair.normal(device(), DType.F32, 46, 5, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> backend().matmul(a.dev(), b.dev()));
        assertTrue(e.getMessage().contains("matmul") && e.getMessage().contains("[3, 4]") && e.getMessage().contains("[5, 2]"),
                e.getMessage());
    }
}
