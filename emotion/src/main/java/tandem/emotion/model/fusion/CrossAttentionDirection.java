package tandem.emotion.model.fusion;

import tandem.autograd.Var;
import tandem.nn.Module;
import tandem.nn.layers.Attention;
import tandem.nn.layers.Linear;

/**
 * One direction of the windowed block: a modality's context vectors query the other's (eqs. 1-5),
 * q = w_q x, k = w_k y, v = w_v y, softmax(q k^T / sqrt(D)) v, then {@code out} projects the result back to the
 * querying modality's channels. Children: query, key, value, out.
 */
final class CrossAttentionDirection extends Module {
    private final Linear query, key, value, out;

    CrossAttentionDirection(int queryChannels, int keyChannels, int dim) {
        query = child("query", new Linear(queryChannels, dim));
        key = child("key", new Linear(keyChannels, dim));
        value = child("value", new Linear(keyChannels, dim));
        out = child("out", new Linear(dim, queryChannels));
    }

    // x: (..., Sq, Cq) queries, y: (..., Sk, Ck) keys and values -> output (..., Sq, D), weights (..., Sq, Sk)
    Attention.Result attend(Var x, Var y) {
        return Attention.scaledDotProduct(query.forward(x), key.forward(y), value.forward(y));
    }

    /** q = w_q x, k = w_k y, v = w_v y (eq. 5), for the fused kernel. */
    Var[] project(Var x, Var y) { return new Var[] {query.forward(x), key.forward(y), value.forward(y)}; }

    // attended: (..., D) -> (..., Cq)
    Var project(Var attended) { return out.forward(attended); }
}
