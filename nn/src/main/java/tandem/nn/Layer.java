package tandem.nn;

import tandem.autograd.Var;

/** A module with one input and one output, so it can sit in a {@link Sequential}. */
public interface Layer {
    Var forward(Var x);
}
