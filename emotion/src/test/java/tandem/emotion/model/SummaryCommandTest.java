package tandem.emotion.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tandem.emotion.cli.SummaryCommand;
import tandem.emotion.model.fusion.FusionRegistry;

class SummaryCommandTest {
    /** MSAF's RAVDESS network as the reference code builds it: 25.94 M parameters. */
    private static final double REFERENCE_PARAMETERS = 25.94e6;

    @BeforeAll
    static void variants() { TestVariants.register(); }

    private record Run(int exitCode, List<String> lines, String err) {
        long parameters() {
            String last = lines.get(lines.size() - 1);
            assertTrue(last.matches("parameters: \\d+"), "last line: " + last);
            return Long.parseLong(last.substring("parameters: ".length()));
        }

        String row(String name) {
            return lines.stream().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow(() -> new AssertionError("no row " + name));
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = new CommandLine(new SummaryCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, Arrays.asList(out.toString().split("\\R")), err.toString());
    }

    @Test
    void ravdessLateSumIsWithinOnePercentOfTheReferenceAndShowsMsafsStageShapes() {
        Run r = run("--preset", "ravdess", "--fusion", "none", "--head", "linear", "--classes", "8");
        assertEquals(0, r.exitCode(), r.err());
        // 25,865,664 (ResNeXt-50) + 16,392 (Linear 2048->8) + 34,024 (audio CNN and its Linear 1664->8)
        assertEquals(25_916_080L, r.parameters());
        assertTrue(Math.abs(r.parameters() - REFERENCE_PARAMETERS) <= 0.01 * REFERENCE_PARAMETERS);
        assertTrue(r.row("video.layer1").contains("[1, 256, 15, 56, 56]"), r.row("video.layer1"));
        assertTrue(r.row("video.layer2").contains("[1, 512, 8, 28, 28]"), r.row("video.layer2"));
        assertTrue(r.row("video.layer3").contains("[1, 1024, 4, 14, 14]"), r.row("video.layer3"));
        assertTrue(r.row("video.layer4").contains("[1, 2048, 2, 7, 7]"), r.row("video.layer4"));
        assertTrue(r.row("audio.conv2").contains("[1, 32, 208]") && r.row("audio.bn3").contains("[1, 64, 26]"));
        assertTrue(r.row("logits").contains("[1, 8]"));
        assertEquals(1, r.lines().stream().filter(l -> l.startsWith("parameters:")).count(), "exactly one parameters line");
    }

    @Test
    void ravdessMsafMatchesTheReferenceCount() {
        Assumptions.assumeTrue(FusionRegistry.names().contains("msaf"), "the msaf fusion variant is not registered in this build");
        Run r = run("--preset", "ravdess", "--fusion", "msaf", "--head", "linear", "--classes", "8");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Math.abs(r.parameters() - REFERENCE_PARAMETERS) <= 0.01 * REFERENCE_PARAMETERS, "parameters: " + r.parameters());
        assertTrue(r.row("fusion_mid (video)").contains("[1, 1024, 4, 14, 14]") && r.row("fusion_late (audio)").contains("[1, 64, 26]"));
    }

    /** Every paper-exact option shows its resolved settings, and the parameter count follows them. */
    @Test
    void paperExactOptionsShowTheirSettings() {
        Run msaf = run("--fusion", "msaf", "--head", "classmap", "--set", "fusion.msaf.split=2", "--set", "fusion.msaf.doubleDropout=true",
                "--set", "head.score=plain", "--set", "head.reduction=8", "--set", "head.minHidden=1");
        assertEquals(0, msaf.exitCode(), msaf.err());
        assertTrue(msaf.lines().contains("settings:"), String.join("\n", msaf.lines()));
        String mid = setting(msaf, "fusion_mid"), head = setting(msaf, "video_head");
        assertTrue(mid.startsWith("msaf split=2 blockChannels=") && mid.contains("doubleDropout=true"), mid);
        assertTrue(head.startsWith("classmap score=plain reduction=8 minHidden=1 hidden="), head);
        Run affine = run("--fusion", "msaf", "--head", "classmap", "--set", "fusion.msaf.split=2", "--set", "head.reduction=8", "--set", "head.minHidden=1");
        assertEquals(2L * 2 * 4, affine.parameters() - msaf.parameters(), "affine adds a scale and a bias per class to both heads");

        Run token = run("--fusion", "window-token", "--head", "classmap", "--set", "fusion.windows=2");
        assertEquals(0, token.exitCode(), token.err());
        assertEquals("window-token windows=2 dim=64 gate=sigmoid residual=false token=window-mean", setting(token, "fusion_late"));
        Run window = run("--fusion", "window", "--head", "classmap", "--set", "fusion.windows=2");
        assertEquals(window.parameters(), token.parameters(), "the two readings have the same projections");
    }

    private static String setting(Run r, String part) {
        String prefix = "  " + part + ": ";
        return r.lines().stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no settings for " + part + " in " + r.lines()));
    }

    @Test
    void countIsTheInstantiatedModelsAndSpecProblemsAreUsageErrors() {
        Run r = run("--preset", "tiny", "--fusion", TestVariants.FUSION, "--classes", "3", "--set", "points=late");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(new EmotionModel(ModelSpec.parse("fusion=" + TestVariants.FUSION + ",classes=3,points=late")).parameterCount(), r.parameters());
        assertTrue(r.lines().get(0).startsWith("model: preset=tiny,fusion=" + TestVariants.FUSION), r.lines().get(0));
        assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("fusion_late (video)")));
        assertTrue(r.lines().stream().noneMatch(l -> l.startsWith("fusion_mid")));

        Run bad = run("--preset", "huge");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("unknown preset 'huge'"), bad.err());
        Run unimodalFusion = run("--fusion", TestVariants.FUSION, "--modality", "video");
        assertEquals(2, unimodalFusion.exitCode());
        assertTrue(unimodalFusion.err().contains("needs modality=both"), unimodalFusion.err());
    }
}
