package tandem.nn.layers;

import java.util.Arrays;
import tandem.autograd.Var;
import tandem.nn.Module;
import tandem.nn.Seeds;
import tandem.tensor.DType;
import tandem.tensor.Device;
import tandem.tensor.RandomKind;
import tandem.tensor.Tensor;

/**
 * Multi-head attention with PyTorch's parameter names (in_proj_weight (3E, E), in_proj_bias, out_proj), batch first:
 * query (B, Lq, E), key and value (B, Lk, E) -> (B, Lq, E). Taps "attn" with the weights (B, H, Lq, Lk).
 */
public final class MultiHeadAttention extends Module {
    private final int embed, heads;
    private final Var inProjWeight, inProjBias;
    private final Linear outProj;

    public MultiHeadAttention(int embed, int heads) {
        if (embed % heads != 0) throw new IllegalArgumentException("MultiHeadAttention: embed " + embed + " not divisible by heads " + heads);
        this.embed = embed;
        this.heads = heads;
        double bound = Math.sqrt(6.0 / (embed + embed));   // xavier_uniform over (E, E) blocks, as PyTorch
        inProjWeight = param("in_proj_weight", Tensor.random(RandomKind.UNIFORM, Seeds.next(), -bound, bound, DType.F32, Device.CPU, 3 * embed, embed));
        inProjBias = param("in_proj_bias", Tensor.zeros(3 * embed));
        outProj = child("out_proj", new Linear(embed, embed));
    }

    public Var forward(Var query, Var key, Var value) {
        try (var s = profileScope()) {
            Var q = project(query, 0), k = project(key, 1), v = project(value, 2);
            Attention.Result r = Attention.scaledDotProduct(q, k, v);
            tap("attn", r.weights());
            // (B, H, Lq, Dh) -> (B, Lq, E)
            Var merged = r.output().permute(0, 2, 1, 3).reshape(query.size(0), query.size(1), embed);
            return outProj.forward(merged);
        }
    }

    // x: (B, L, E) -> (B, H, L, E/H) with the part-th third of the packed projection
    private Var project(Var x, int part) {
        if (x.dim() != 3 || x.size(2) != embed) {
            throw new IllegalArgumentException("MultiHeadAttention(" + embed + "): input " + Arrays.toString(x.shape()) + " is not (B, L, " + embed + ")");
        }
        Var w = inProjWeight.narrow(0, part * embed, embed);
        Var b = inProjBias.narrow(0, part * embed, embed);
        Var y = x.matmul(w.transpose(0, 1)).add(b);
        return y.reshape(x.size(0), x.size(1), heads, embed / heads).permute(0, 2, 1, 3);
    }
}
