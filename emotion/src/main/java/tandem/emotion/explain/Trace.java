package tandem.emotion.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tandem.autograd.Var;
import tandem.tensor.Tensor;
import tandem.tensor.TimeWindows;

/**
 * A walkthrough as data: steps, each a title and a list of blocks (text, tensors, the windows on their time axes,
 * checks). The text printout ({@link TracePrinter}) and the teaching page ({@link TeachingPage}) are two views of the
 * same trace, so they can never show different numbers. Every tensor block records where it was computed: the
 * line that called {@link #show} ({@link CodeRef#caller}) and the model's or engine's method that does the same.
 */
public final class Trace {
    public enum Phase { FORWARD, BACKWARD }

    public record Step(String id, Phase phase, String title, List<Block> blocks) {}

    public sealed interface Block permits Text, Matrix, Windows {}

    /** Sentences (the printout wraps them), or {@code preformatted} lines printed as they are, aligned columns kept. */
    public record Text(String text, boolean preformatted) implements Block {}

    /**
     * One tensor, its batch axis removed.
     *
     * @param window      the time window it belongs to, or -1
     * @param probability true when its values are probabilities (drawn on a 0..1 scale rather than around 0)
     * @param firstSlice  non-null: the printout shows only the first slice along axis 0, and says so with these words
     * @param check       the largest |difference| from autograd's value for the same quantity, or NaN when not compared
     */
    public record Matrix(String label, Tensor value, int window, boolean probability, String firstSlice, CodeRef at, CodeRef engine,
                  double check) implements Block {
        Matrix withCheck(double difference) { return new Matrix(label, value, window, probability, firstSlice, at, engine, difference); }
    }

    /** The windows of each named time axis, drawn on one axis of clip time from 0 to 1. */
    public record Windows(List<String> names, List<TimeWindows> axes) implements Block {}

    private final List<Step> steps = new ArrayList<>();
    private int window = -1;

    public List<Step> steps() { return List.copyOf(steps); }

    void step(String id, Phase phase, String title) { steps.add(new Step(id, phase, title, new ArrayList<>())); }

    void text(String format, Object... args) { add(new Text(String.format(Locale.ROOT, format, args), false)); }

    void lines(String format, Object... args) { add(new Text(String.format(Locale.ROOT, format, args), true)); }

    /** Blocks recorded from now on belong to window {@code i} (-1: to none). */
    void window(int i) { window = i; }

    void windows(List<String> names, List<TimeWindows> axes) { add(new Windows(List.copyOf(names), List.copyOf(axes))); }

    /** Records {@code v} (batch axis of size 1 removed) and returns it, so a computation can be shown where it happens. */
    Var show(String label, Var v, CodeRef engine) {
        add(new Matrix(label, v.data().squeeze(0), window, false, null, CodeRef.caller(Trace.class), engine, Double.NaN));
        return v;
    }

    /** Records a tensor that has no batch axis. */
    Tensor show(String label, Tensor t, CodeRef engine) {
        add(new Matrix(label, t, window, false, null, CodeRef.caller(Trace.class), engine, Double.NaN));
        return t;
    }

    /** Records a tensor that has no batch axis, compared with autograd's value for the same quantity. */
    Tensor showChecked(String label, Tensor t, Tensor autograd, CodeRef engine) {
        add(new Matrix(label, t, window, false, null, CodeRef.caller(Trace.class), engine, AttentionWalkthrough.maxAbsDiff(t, autograd)));
        return t;
    }

    /** Records a gradient computed by hand, compared with autograd's gradient of the same value ({@code autograd.grad()}). */
    Tensor showChecked(String label, Tensor hand, Var autograd, CodeRef engine) {
        Tensor g = autograd.grad();
        if (g.dim() == hand.dim() + 1) g = g.squeeze(0);
        add(new Matrix(label, hand, window, false, null, CodeRef.caller(Trace.class), engine, AttentionWalkthrough.maxAbsDiff(hand, g)));
        return hand;
    }

    /** Records probabilities (batch axis removed): the page draws them on 0..1. */
    Var showProbabilities(String label, Var v, CodeRef engine) {
        add(new Matrix(label, v.data().squeeze(0), window, true, null, CodeRef.caller(Trace.class), engine, Double.NaN));
        return v;
    }

    /** Records a rank-3 tensor (no batch axis) of which the printout shows only the first slice, saying {@code firstSlice}. */
    Tensor showSliced(String label, Tensor t, String firstSlice, CodeRef engine) {
        add(new Matrix(label, t, window, false, firstSlice, CodeRef.caller(Trace.class), engine, Double.NaN));
        return t;
    }

    /** Attaches the largest |difference| from autograd's value to the last tensor recorded. */
    void checked(Tensor autograd) {
        List<Block> blocks = current().blocks();
        Matrix last = (Matrix) blocks.get(blocks.size() - 1);
        blocks.set(blocks.size() - 1, last.withCheck(AttentionWalkthrough.maxAbsDiff(last.value(), autograd)));
    }

    private void add(Block b) { current().blocks().add(b); }

    private Step current() {
        if (steps.isEmpty()) throw new IllegalStateException("trace: a block before the first step");
        return steps.get(steps.size() - 1);
    }
}
