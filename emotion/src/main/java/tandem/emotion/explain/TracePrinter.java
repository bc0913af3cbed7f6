package tandem.emotion.explain;

import java.io.PrintWriter;
import java.util.Locale;

/** The walkthrough as text: every step's title, its sentences, and its tensors printed as NumPy prints them. */
final class TracePrinter {
    static final int WIDTH = 120;

    private TracePrinter() {}

    static void print(AttentionWalkthrough.Result r, boolean backward, PrintWriter out) {
        out.println(r.title());
        for (Trace.Step s : r.trace().steps()) {
            if (s.phase() == Trace.Phase.BACKWARD && !backward) continue;
            out.println();
            out.println("== " + s.title());
            for (Trace.Block b : s.blocks()) {
                if (b instanceof Trace.Text t) out.println(t.preformatted() ? t.text() : wrap(t.text(), WIDTH));
                if (b instanceof Trace.Matrix m) print(m, out);
            }
        }
        if (!backward) {
            out.println();
            out.println("The backward pass, step by step: ./tandem attention --backward. Both, in the browser: ./tandem attention --html FILE.");
        }
        out.flush();
    }

    /** Each line of {@code text} broken at spaces into lines of at most {@code width} characters. */
    static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder();
        for (String paragraph : text.split("\n", -1)) {
            if (out.length() > 0) out.append('\n');
            int lineStart = out.length();
            for (String word : paragraph.split(" ")) {
                if (out.length() > lineStart && out.length() - lineStart + 1 + word.length() > width) {
                    out.append('\n');
                    lineStart = out.length();
                } else if (out.length() > lineStart) {
                    out.append(' ');
                }
                out.append(word);
            }
        }
        return out.toString();
    }

    private static void print(Trace.Matrix m, PrintWriter out) {
        if (m.firstSlice() != null) {
            out.println(m.label() + "; " + m.firstSlice() + ":");
            out.println(m.value().narrow(0, 0, 1).squeeze(0));
        } else {
            out.println(m.label() + ":");
            out.println(m.value());
        }
        if (!Double.isNaN(m.check())) out.println(String.format(Locale.ROOT, "  (autograd's gradient of the same value: max |difference| %.1e)", m.check()));
    }
}
