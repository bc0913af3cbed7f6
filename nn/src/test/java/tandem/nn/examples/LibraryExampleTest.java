package tandem.nn.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tandem.autograd.GradMode;
import tandem.autograd.Var;
import tandem.nn.Sequential;
import tandem.nn.loss.CrossEntropyLoss;
import tandem.tensor.Device;
import tandem.tensor.Tandem;
import tandem.tensor.Tensor;
import tandem.tensor.backend.Backends;

/**
 * README's "Tandem as a library": the example it shows is {@link XorExample} word for word, it learns XOR, and it runs
 * as a library user would run it: with tandem-nn's own dependencies only (neither JOCL nor JCuda), and even in a JVM
 * started without the Vector API module.
 */
class LibraryExampleTest {
    static final Path README = Path.of("..", "README.md");
    static final Path SOURCE = Path.of("src", "test", "java", "tandem", "nn", "examples", "XorExample.java");

    @Test void readmeShowsTheExampleAsCompiledHere() throws IOException {
        String readme = Files.readString(README);
        int section = readme.indexOf("## Tandem as a library");
        assertTrue(section >= 0, "README has a section 'Tandem as a library'");
        int open = readme.indexOf("```java\n", section), close = readme.indexOf("```\n", open + 8);
        assertTrue(open > 0 && close > open, "the section holds a java code block");
        String shown = readme.substring(open + "```java\n".length(), close);
        String source = Files.readString(SOURCE).replaceFirst("^package [\\w.]+;\\n\\n", "");
        assertEquals(source, shown, "README's example differs from " + SOURCE);
        assertTrue(readme.substring(section).contains("<version>" + Tandem.version() + "</version>"),
                "the section's dependency names this build's version, " + Tandem.version());
    }

    @Test void theMlpLearnsXor() {
        Sequential net = XorExample.train(500);
        assertArrayEquals(XorExample.TARGETS, XorExample.classify(net));
        try (GradMode off = GradMode.off()) {
            Var x = Var.constant(Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2));
            double loss = CrossEntropyLoss.apply(net.forward(x), XorExample.TARGETS).item();
            assertTrue(loss < 0.05, "final loss " + loss);
        }
    }

    @Test void theCpuPathNeedsNeitherDeviceBinding() {
        // tandem-kernels declares JOCL and JCuda optional, so they are not on this module's class path...
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.jocl.CL"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("jcuda.driver.JCudaDriver"));
        // ...the CPU works (theMlpLearnsXor), and a device that needs one says what to add.
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Backends.get(Device.parse("opencl:0")));
        assertTrue(e.getMessage().contains("opencl:0") && e.getMessage().contains("org.jocl:jocl"), e.getMessage());
        assertTrue(!Backends.isAvailable(Device.parse("cuda:0")));
    }

    @Test void withoutTheVectorApiModuleItRunsOnTheReferenceKernelsAndSaysSo() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), XorExample.class.getName())
                .redirectErrorStream(false).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the example finishes");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank()).toList();
        assertEquals(0, p.exitValue(), out + err);
        assertTrue(out.contains("0 xor 1 = 1") && out.contains("1 xor 1 = 0"), out);
        assertEquals(1, err.size(), "one line on standard error: " + err);
        assertTrue(err.get(0).contains("--add-modules jdk.incubator.vector") && err.get(0).contains("reference kernels"), err.get(0));
    }
}
