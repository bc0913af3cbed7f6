package tandem.emotion.explain;

import static tandem.emotion.explain.BackwardWalkthrough.CONCAT;
import static tandem.emotion.explain.BackwardWalkthrough.MATMUL;
import static tandem.emotion.explain.BackwardWalkthrough.SOFTMAX;
import static tandem.emotion.explain.Trace.Phase.BACKWARD;

import tandem.autograd.Var;
import tandem.emotion.explain.AttentionWalkthrough.DirectionPass;
import tandem.tensor.Tensor;

/**
 * One direction of the block taken backward window by window, in four steps: the attention output, the softmax,
 * the scores, and the query, key and value projections. Every gradient is computed by the chain rule with tensor
 * operations and recorded beside its largest difference from autograd's gradient of the same value.
 */
final class DirectionBackward {
    private final Trace trace;
    private final DirectionPass d;
    private final int windows;

    DirectionBackward(Trace trace, DirectionPass d) {
        this.trace = trace;
        this.d = d;
        this.windows = d.x().length;
    }

    /** dJoined: dL/dY (Tq, D) -> {dL/dx (Tq, Cq), dL/dy (Tk, Ck)}, the gradients of the query and key tokens, windows joined. */
    Tensor[] walk(Tensor dJoined, int first) {
        String who = AttentionWalkthrough.cap(d.queries()) + " queries " + d.keys() + ", backward";
        Tensor[] dOutput = new Tensor[windows], dWeights = new Tensor[windows], dV = new Tensor[windows];
        trace.step("b-" + d.child() + "-output", BACKWARD, first + ". " + who + " through output = weights v (eq. 4)");
        trace.text("The upstream gradient of window i's output is its rows of dL/dY. Local derivatives: d output/d weights = v and "
                + "d output/dv = weights, so dL/d weights = d output v^T and dL/dv = weights^T d output.");
        for (int i = 0; i < windows; i++) {
            header(i);
            int start = d.queryWindows().start(i), size = d.queryWindows().size(i);
            dOutput[i] = trace.showChecked(String.format("upstream dL/d output = rows %d..%d of dL/dY (Sq, D)", start, start + size - 1),
                    dJoined.narrow(0, start, size), d.output()[i], CONCAT);
            dWeights[i] = trace.showChecked("dL/d weights = d output v^T (Sq, Sk)", dOutput[i].matmul(value(d.v()[i]).transpose(0, 1)), d.weights()[i], MATMUL);
            dV[i] = trace.showChecked("dL/dv = weights^T d output (Sk, D)", value(d.weights()[i]).transpose(0, 1).matmul(dOutput[i]), d.v()[i], MATMUL);
        }

        Tensor[] dScores = new Tensor[windows];
        trace.step("b-" + d.child() + "-softmax", BACKWARD, (first + 1) + ". " + who + " through the softmax");
        trace.text("For one row p of the weights the local derivative is the Jacobian dp_j/ds_m = p_j (delta_jm - p_m), shown for row 0 "
                + "of each window. Multiplied out, row by row: dL/d scores = p * (dL/d weights - sum_j (dL/d weights)_j p_j).");
        for (int i = 0; i < windows; i++) {
            header(i);
            Tensor p = value(d.weights()[i]);
            trace.show("local derivative: the Jacobian of row 0, diag(p) - p p^T (Sk, Sk)", jacobianOfFirstRow(p), SOFTMAX);
            dScores[i] = trace.showChecked("dL/d scores = p * (dL/d weights - row sums of dL/d weights * p) (Sq, Sk)",
                    p.mul(dWeights[i].sub(dWeights[i].mul(p).sum(true, 1))), d.scores()[i], SOFTMAX);
        }

        Tensor[] dQ = new Tensor[windows], dK = new Tensor[windows];
        double scale = 1.0 / Math.sqrt(d.q()[0].size(2));
        trace.step("b-" + d.child() + "-scores", BACKWARD, (first + 2) + ". " + who + " through scores = q k^T / sqrt(D)");
        trace.text("Local derivatives: d scores/dq = k / sqrt(D) and d scores/dk = q / sqrt(D), with 1 / sqrt(D) = %.4f.", scale);
        for (int i = 0; i < windows; i++) {
            header(i);
            dQ[i] = trace.showChecked("dL/dq = dL/d scores k / sqrt(D) (Sq, D)", dScores[i].matmul(value(d.k()[i])).mul(scale), d.q()[i], MATMUL);
            dK[i] = trace.showChecked("dL/dk = dL/d scores^T q / sqrt(D) (Sk, D)", dScores[i].transpose(0, 1).matmul(value(d.q()[i])).mul(scale), d.k()[i], MATMUL);
        }
        return projections(who, first + 3, dQ, dK, dV);
    }

    private Tensor[] projections(String who, int number, Tensor[] dQ, Tensor[] dK, Tensor[] dV) {
        trace.step("b-" + d.child() + "-projections", BACKWARD, number + ". " + who + " through the query, key and value projections");
        trace.text("q = x W_q^T + b_q, k = y W_k^T + b_k, v = y W_v^T + b_v. Local derivatives: dq/dx = W_q, dk/dy = W_k, dv/dy = W_v. "
                + "The key tokens y feed both k and v, so their two gradients add; each weight's gradient sums over the windows.");
        trace.window(-1);
        Tensor wq = trace.show("local derivative dq/dx = W_q of " + d.child() + ".query (D, Cq)", d.wq().weight().data(), MATMUL);
        Tensor wk = trace.show("local derivative dk/dy = W_k of " + d.child() + ".key (D, Ck)", d.wk().weight().data(), MATMUL);
        Tensor wv = trace.show("local derivative dv/dy = W_v of " + d.child() + ".value (D, Ck)", d.wv().weight().data(), MATMUL);
        Var[] dx = new Var[windows], dy = new Var[windows];
        Tensor gq = null, gk = null, gv = null, bq = null, bk = null, bv = null;
        for (int i = 0; i < windows; i++) {
            header(i);
            dx[i] = Var.constant(trace.showChecked("dL/dx = dL/dq W_q (Sq, Cq)", dQ[i].matmul(wq), d.x()[i], MATMUL));
            dy[i] = Var.constant(trace.showChecked("dL/dy = dL/dk W_k + dL/dv W_v (Sk, Ck)", dK[i].matmul(wk).add(dV[i].matmul(wv)), d.y()[i], MATMUL));
            Tensor x = value(d.x()[i]), y = value(d.y()[i]);
            gq = sum(gq, dQ[i].transpose(0, 1).matmul(x));
            gk = sum(gk, dK[i].transpose(0, 1).matmul(y));
            gv = sum(gv, dV[i].transpose(0, 1).matmul(y));
            bq = sum(bq, dQ[i].sum(false, 0));
            bk = sum(bk, dK[i].sum(false, 0));
            bv = sum(bv, dV[i].sum(false, 0));
        }
        trace.window(-1);
        trace.showChecked("dL/dW_q = sum over windows of dL/dq^T x (D, Cq)", gq, d.wq().weight(), MATMUL);
        trace.showChecked("dL/dW_k = sum over windows of dL/dk^T y (D, Ck)", gk, d.wk().weight(), MATMUL);
        trace.showChecked("dL/dW_v = sum over windows of dL/dv^T y (D, Ck)", gv, d.wv().weight(), MATMUL);
        int dim = bq.size(0);
        trace.showChecked("dL/db_q, dL/db_k, dL/db_v = sums over windows and steps of dL/dq, dL/dk, dL/dv (3, D)", Tensor.of(concat(bq, bk, bv), 3, dim),
                Tensor.of(concat(d.wq().bias().grad(), d.wk().bias().grad(), d.wv().bias().grad()), 3, dim), MATMUL);
        return new Tensor[] {Var.cat(0, dx).data(), Var.cat(0, dy).data()};
    }

    private void header(int i) {
        trace.window(i);
        trace.text("-- window %d: %s steps %d..%d query %s steps %d..%d --", i, d.queries(), d.queryWindows().start(i),
                d.queryWindows().start(i) + d.queryWindows().size(i) - 1, d.keys(), d.keyWindows().start(i),
                d.keyWindows().start(i) + d.keyWindows().size(i) - 1);
    }


    // a forward value without its batch axis
    private static Tensor value(Var v) { return v.data().squeeze(0); }

    private static Tensor sum(Tensor acc, Tensor t) { return acc == null ? t : acc.add(t); }

    private static float[] concat(Tensor... parts) {
        int n = 0;
        for (Tensor t : parts) n += (int) t.numel();
        float[] out = new float[n];
        int at = 0;
        for (Tensor t : parts) {
            float[] v = t.toFloatArray();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    // p: (Sq, Sk) -> J (Sk, Sk) with J[j][m] = p_j (delta_jm - p_m) for the first row p
    static Tensor jacobianOfFirstRow(Tensor p) {
        int n = p.size(1);
        double[] row = p.narrow(0, 0, 1).toDoubleArray();
        float[] j = new float[n * n];
        for (int a = 0; a < n; a++) for (int b = 0; b < n; b++) j[a * n + b] = (float) (row[a] * ((a == b ? 1 : 0) - row[b]));
        return Tensor.of(j, n, n);
    }
}
