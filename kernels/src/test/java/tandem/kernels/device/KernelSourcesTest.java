package tandem.kernels.device;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tandem.tensor.BinaryOp;
import tandem.tensor.ConvSpec;
import tandem.tensor.RandomKind;
import tandem.tensor.ReduceOp;
import tandem.tensor.UnaryOp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel sources agree with the Java side: op codes, file list, struct packing. Needs no device. */
class KernelSourcesTest {
    @Test
    void opCodesInTheHeaderAreTheEnumOrdinals() {
        Map<String, Integer> defs = new HashMap<>();
        Matcher m = Pattern.compile("#define (\\w+) (\\d+)").matcher(KernelSources.read("tandem_ops.h"));
        while (m.find()) defs.put(m.group(1), Integer.parseInt(m.group(2)));
        for (UnaryOp op : UnaryOp.values()) assertEquals(op.ordinal(), defs.get("UN_" + op.name()), "UN_" + op);
        for (BinaryOp op : BinaryOp.values()) assertEquals(op.ordinal(), defs.get("BIN_" + op.name()), "BIN_" + op);
        for (ReduceOp op : ReduceOp.values()) assertEquals(op.ordinal(), defs.get("RED_" + op.name()), "RED_" + op);
        for (RandomKind k : RandomKind.values()) assertEquals(k.ordinal(), defs.get("RNG_" + k.name()), "RNG_" + k);
        assertEquals(UnaryOp.values().length + BinaryOp.values().length + ReduceOp.values().length + RandomKind.values().length,
                defs.size(), "no stale op codes");
    }

    @Test
    void theProgramHoldsEveryListedFileWithLineMarkers() {
        String program = KernelSources.program(false, true);
        assertTrue(program.startsWith("#define TK_F64 0\n#define TK_HAS_F64 1\n"), program.substring(0, 40));
        assertTrue(KernelSources.kernelFiles().size() >= 20, "kernel files: " + KernelSources.kernelFiles());
        for (String f : KernelSources.kernelFiles()) {
            assertTrue(program.contains("#line 1 \"" + f + "\"\n" + KernelSources.read(f)), f);
        }
        assertTrue(KernelSources.program(true, true).startsWith("#define TK_F64 1\n"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KernelSources.read("nope.cl"));
        assertTrue(e.getMessage().contains("nope.cl"), e.getMessage());
    }

    @Test
    void structsPackInDeclarationOrderAndPadLowRanks() {
        int[] shape = Layouts.shape("t", new int[] {4, 5});
        assertEquals(9, shape.length);
        assertEquals(2, shape[0]);
        assertEquals(5, shape[2]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Layouts.shape("myop", new int[9]));
        assertTrue(e.getMessage().contains("myop") && e.getMessage().contains("rank 9"), e.getMessage());
        // conv1d x (2, 3, 13), w (5, 3, 3), y (2, 5, 11): spatial dims go last, leading ones padded with size 1
        int[] g = Layouts.conv(new int[] {2, 3, 13}, new int[] {5, 3, 3}, new int[] {2, 5, 11}, ConvSpec.of(1, 1, 0, 1, 1));
        assertEquals(22, g.length);
        assertEquals(List.of(2, 3, 5, 1, 1, 1, 13, 1, 1, 11, 1, 1, 3),
                Arrays.stream(g, 0, 13).boxed().toList());
    }
}
