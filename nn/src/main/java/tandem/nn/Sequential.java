package tandem.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tandem.autograd.Var;

/** Layers applied in order; children are named "0", "1", ... as in PyTorch. */
public final class Sequential extends Module implements Layer {
    private final List<Layer> layers = new ArrayList<>();

    public Sequential(Layer... layers) {
        for (Layer l : layers) add(l);
    }

    public Sequential add(Layer layer) {
        if (!(layer instanceof Module m)) throw new IllegalArgumentException("Sequential: " + layer + " is not a Module");
        child(Integer.toString(layers.size()), m);
        layers.add(layer);
        return this;
    }

    public List<Layer> layers() { return Collections.unmodifiableList(layers); }

    @Override
    public Var forward(Var x) {
        try (var s = profileScope()) {
            for (Layer l : layers) {
                try (var c = ((Module) l).profileScope()) {
                    x = l.forward(x);
                }
            }
            return x;
        }
    }
}
