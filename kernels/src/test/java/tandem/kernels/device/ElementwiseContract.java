package tandem.kernels.device;

import org.junit.jupiter.api.Test;
import tandem.tensor.BinaryOp;
import tandem.tensor.DType;
import tandem.tensor.Tensor;
import tandem.tensor.UnaryOp;

/** Every unary and binary op and where, on strided and broadcast inputs. */
public interface ElementwiseContract extends DeviceFixture {
    Tolerance F32 = new Tolerance(1e-6, 2e-6);
    Tolerance F64 = new Tolerance(1e-14, 1e-13);

    @Test
    default void everyUnaryOpMatchesTheReference() {
        for (DType dt : dtypes()) {
            // mixed signs, a zero, and values in the domain of log/sqrt/pow for the ops that need it
            Pair mixed = Pair.normal(device(), dt, 11, 7, 3, 5).view(t -> t.mul(3).permute(2, 0, 1));
            Pair positive = Pair.uniform(device(), dt, 12, 0.05, 4, 3, 13).view(t -> t.transpose(0, 1));
            for (UnaryOp op : UnaryOp.values()) {
                boolean needsPositive = op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.RSQRT || op == UnaryOp.POW;
                Pair in = needsPositive ? positive : mixed;
                double param = op == UnaryOp.POW ? 1.7 : op == UnaryOp.LEAKY_RELU ? 0.1 : -0.75;
                Tensor got = backend().unary(op, in.dev(), param);
                Tolerance.of(dt, F32, F64).check("unary " + op + " " + dt, device(), got, cpu().unary(op, in.cpu(), param));
            }
        }
    }

    @Test
    default void unaryHandlesNaNZeroAndInfinityAsTheReference() {
        Tensor special = Tensor.of(new float[] {Float.NaN, 0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -2f}, 6);
        Pair p = Pair.of(device(), special);
        for (UnaryOp op : new UnaryOp[] {UnaryOp.RELU, UnaryOp.SIGN, UnaryOp.SIGMOID, UnaryOp.TANH, UnaryOp.ABS, UnaryOp.NEG}) {
            Tolerance.EXACT.check("unary " + op + " on specials", device(), backend().unary(op, p.dev(), 0),
                    cpu().unary(op, p.cpu(), 0));
        }
    }

    @Test
    default void everyBinaryOpBroadcastsAsTheReference() {
        for (DType dt : dtypes()) {
            Pair a = Pair.normal(device(), dt, 13, 5, 1, 7).view(t -> t.transpose(0, 2)); // (7, 1, 5)
            Pair b = Pair.uniform(device(), dt, 14, 0.5, 2, 3, 1);                        // (3, 1)
            // some equal values, so GE and EQ see ties
            Pair ties = a.view(t -> t.slice(1, 0, 1, 1));
            for (BinaryOp op : BinaryOp.values()) {
                Pair lhs = op == BinaryOp.POW ? Pair.uniform(device(), dt, 15, 0.1, 3, 7, 1, 5) : a;
                Tolerance tol = Tolerance.of(dt, F32, F64);
                tol.check("binary " + op + " " + dt, device(), backend().binary(op, lhs.dev(), b.dev()),
                        cpu().binary(op, lhs.cpu(), b.cpu()));
                tol.check("binary " + op + " ties " + dt, device(), backend().binary(op, a.dev(), ties.dev()),
                        cpu().binary(op, a.cpu(), ties.cpu()));
            }
        }
    }

    @Test
    default void maxAndMinPropagateNaN() {
        Pair a = Pair.of(device(), Tensor.of(new float[] {Float.NaN, 1f, 3f}, 3));
        Pair b = Pair.of(device(), Tensor.of(new float[] {2f, Float.NaN, 2f}, 3));
        for (BinaryOp op : new BinaryOp[] {BinaryOp.MAX, BinaryOp.MIN}) {
            Tolerance.EXACT.check(op + " NaN", device(), backend().binary(op, a.dev(), b.dev()), cpu().binary(op, a.cpu(), b.cpu()));
        }
    }

    @Test
    default void whereSelectsWithBroadcastCondition() {
        for (DType dt : dtypes()) {
            Pair cond = Pair.normal(device(), dt, 16, 1, 4, 1).view(t -> t.binary(BinaryOp.GT, t.mul(0)));
            Pair a = Pair.normal(device(), dt, 17, 3, 4, 6);
            Pair b = Pair.normal(device(), dt, 18, 6);
            Tolerance.EXACT.check("where " + dt, device(), backend().where(cond.dev(), a.dev(), b.dev()),
                    cpu().where(cond.cpu(), a.cpu(), b.cpu()));
        }
    }
}
