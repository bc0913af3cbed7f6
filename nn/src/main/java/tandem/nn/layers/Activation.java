package tandem.nn.layers;

import java.util.function.UnaryOperator;
import tandem.autograd.Var;
import tandem.nn.Layer;
import tandem.nn.Module;

/** Parameter-free layers: activations, flatten, identity. */
public final class Activation extends Module implements Layer {
    private final String name;
    private final UnaryOperator<Var> f;

    private Activation(String name, UnaryOperator<Var> f) {
        this.name = name;
        this.f = f;
    }

    public static Activation relu() { return new Activation("ReLU", Var::relu); }

    public static Activation sigmoid() { return new Activation("Sigmoid", Var::sigmoid); }

    public static Activation tanh() { return new Activation("Tanh", Var::tanh); }

    public static Activation identity() { return new Activation("Identity", x -> x); }

    /** Flattens every axis from {@code fromAxis} on. */
    public static Activation flatten(int fromAxis) { return new Activation("Flatten", x -> x.flatten(fromAxis)); }

    @Override
    public Var forward(Var x) {
        try (var s = profileScope()) {
            return f.apply(x);
        }
    }

    @Override
    public String toString() { return name; }
}
