package tandem.emotion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/attention-internals.md quotes the output of {@code ./tandem attention}: each block marked
 * {@code <!-- output of: ./tandem ARGS -->} must still be printed by that command, line for line and in order.
 * <p>
 * One kind of number is compared by size rather than digit for digit: a difference between two float paths printed in
 * e-notation (a max |walkthrough - block| or an autograd comparison). Its size depends on the order of the sums,
 * which the fused kernel's vector loops take from the CPU's vector width, so a quoted 0.0e+00 must be printed as
 * 0.0e+00, and any other quoted difference must be printed below 1e-6, float rounding.
 */
class AttentionDocsTest {
    private static final Pattern QUOTE = Pattern.compile("<!-- output of: \\./tandem (.+?) -->\\n```\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern ROUNDING = Pattern.compile("\\d\\.\\de[+-]\\d\\d");

    @Test
    void everyQuotedLineIsWhatTheCommandPrintsToday() throws IOException {
        Path doc = Path.of("").toAbsolutePath().getParent().resolve("docs/attention-internals.md");
        String text = Files.readString(doc);
        Map<String, List<String>> outputs = new HashMap<>();
        Matcher m = QUOTE.matcher(text);
        int blocks = 0, lines = 0;
        while (m.find()) {
            String command = m.group(1);
            List<String> printed = outputs.computeIfAbsent(command, c -> {
                CliRun r = CliRun.of(c.split(" "));
                assertEquals(0, r.exitCode(), c + ": " + r.err());
                return Arrays.asList(r.out().split("\\R"));
            });
            int at = 0;
            for (String quoted : m.group(2).split("\\n")) {
                int found = -1;
                for (int i = at; i < printed.size() && found < 0; i++) if (same(quoted, printed.get(i))) found = i;
                if (found < 0) fail("docs/attention-internals.md, block " + (blocks + 1) + " (./tandem " + command + "): not printed (in this order): " + quoted);
                at = found + 1;
                lines++;
            }
            blocks++;
        }
        assertTrue(blocks >= 15 && lines >= 150, "the page quotes the walkthrough: " + blocks + " blocks, " + lines + " lines");
        assertFalse(text.contains("A difference of exactly 0 is expected"), "the old claim about the fused kernel is gone");
    }

    @Test
    void roundingDifferencesAreComparedBySize() {
        assertTrue(same("gates 6.0e-08, maps 0.0e+00", "gates 1.2e-07, maps 0.0e+00"));
        assertFalse(same("gates 6.0e-08, maps 0.0e+00", "gates 1.2e-07, maps 3.0e-08"), "a printed 0 stays 0");
        assertFalse(same("gates 6.0e-08", "gates 2.0e-03"), "a difference above rounding is a change");
        assertFalse(same("tensor([0.4754, 0.4697])", "tensor([0.4754, 0.4698])"), "tensor values digit for digit");
    }

    // equal, or equal once every e-notation difference is masked, each of those printed at the quoted size
    static boolean same(String quoted, String printed) {
        if (quoted.equals(printed)) return true;
        if (!ROUNDING.matcher(quoted).replaceAll("#").equals(ROUNDING.matcher(printed).replaceAll("#"))) return false;
        List<Double> q = numbers(quoted), p = numbers(printed);
        for (int i = 0; i < q.size(); i++) {
            if (q.get(i) == 0 ? p.get(i) != 0 : !(p.get(i) < 1e-6)) return false;
        }
        return true;
    }

    private static List<Double> numbers(String s) {
        List<Double> out = new ArrayList<>();
        Matcher m = ROUNDING.matcher(s);
        while (m.find()) out.add(Double.parseDouble(m.group()));
        return out;
    }
}
