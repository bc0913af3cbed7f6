package tandem.emotion.model.fusion;

import tandem.autograd.Var;
import tandem.nn.Module;
import tandem.nn.layers.Linear;

/**
 * MSAF's excitation: one Linear(hidden, bc) per block of every modality, children named "0", "1", ... in block order
 * (video blocks first, then audio). The weights are stacked so that all blocks run as one matrix product.
 */
final class BlockExcitations extends Module {
    private final Linear[] perBlock;
    private final int blockChannels;

    BlockExcitations(int blocks, int hidden, int blockChannels) {
        this.blockChannels = blockChannels;
        perBlock = new Linear[blocks];
        for (int i = 0; i < blocks; i++) perBlock[i] = child(Integer.toString(i), new Linear(hidden, blockChannels));
    }

    // u: (B, hidden) -> (B, blocks, bc) pre-softmax scores
    Var forward(Var u) {
        Var[] w = new Var[perBlock.length];
        Var[] b = new Var[perBlock.length];
        for (int i = 0; i < perBlock.length; i++) {
            w[i] = perBlock[i].weight();
            b[i] = perBlock[i].bias();
        }
        Var weights = Var.cat(0, w);   // (blocks * bc, hidden)
        Var bias = Var.cat(0, b);      // (blocks * bc)
        return u.matmul(weights.transpose(0, 1)).add(bias).reshape(u.size(0), perBlock.length, blockChannels);
    }
}
