package tandem.emotion.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout, checked on the compiled classes of every module on this class path (tensor, kernels, autograd, nn,
 * emotion). Dependencies run one way: tensor <- kernels, tensor <- autograd <- nn <- emotion; inside emotion, media
 * and data at the bottom, then features and models, inference, training, reports and explanations, the CLI on top.
 * A violation names both classes and the line of the offending access.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("tandem");
    }

    private static void check(String layer, String reason, String... forbidden) {
        ArchRule rule = noClasses().that().resideInAPackage(layer)
                .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .because(reason);
        rule.check(classes);
    }

    @Test
    void modulesDependOneWay() {
        check("tandem.tensor..", "tensor is the bottom module: backends are found through ServiceLoader, never named",
                "tandem.kernels..", "tandem.autograd..", "tandem.nn..", "tandem.emotion..", "tandem.bench..");
        check("tandem.kernels..", "kernels implement the Backend contract and know nothing of graphs or layers",
                "tandem.autograd..", "tandem.nn..", "tandem.emotion..", "tandem.bench..");
        check("tandem.autograd..", "autograd sees backends only through the tensor module's contract",
                "tandem.kernels..", "tandem.nn..", "tandem.emotion..", "tandem.bench..");
        check("tandem.nn..", "nn is a library of layers: it knows no model built on it and no backend by name",
                "tandem.kernels..", "tandem.emotion..", "tandem.bench..");
        check("tandem.emotion..", "the application reaches kernels only through tensors and Var",
                "tandem.kernels..", "tandem.bench..");
    }

    @Test
    void tensorPackagesByRole() {
        check("tandem.tensor.memory..", "storage and pools do not call backends", "tandem.tensor.backend..");
    }

    @Test
    void emotionLayers() {
        String[] aboveMedia = {"tandem.emotion.features..", "tandem.emotion.model..", "tandem.emotion.infer..",
                "tandem.emotion.train..", "tandem.emotion.report..", "tandem.emotion.explain..", "tandem.emotion.cli..",
                "tandem.emotion.synth..", "tandem.emotion.grid.."};
        for (String media : new String[] {"tandem.emotion.audio..", "tandem.emotion.video..", "tandem.emotion.data..",
                "tandem.emotion.protocol..", "tandem.emotion.eval.."}) {
            check(media, "media, data, protocol and statistics sit below everything that uses them", aboveMedia);
        }
        String[] others = Stream.concat(Stream.of(aboveMedia), Stream.of("tandem.emotion.audio..", "tandem.emotion.video..",
                "tandem.emotion.data..", "tandem.emotion.protocol..", "tandem.emotion.eval..")).toArray(String[]::new);
        check("tandem.emotion.rundir..", "output folders (their lock, their JSON files) serve every command that writes and know none", others);
        check("tandem.emotion.synth..", "the synthetic corpus writes media; it knows no model",
                "tandem.emotion.features..", "tandem.emotion.model..", "tandem.emotion.infer..", "tandem.emotion.train..",
                "tandem.emotion.report..", "tandem.emotion.explain..", "tandem.emotion.cli..");
        check("tandem.emotion.model..", "a model is layers on tensors: no media, no features, no training",
                "tandem.emotion.audio..", "tandem.emotion.video..", "tandem.emotion.data..", "tandem.emotion.synth..",
                "tandem.emotion.features..", "tandem.emotion.infer..", "tandem.emotion.train..", "tandem.emotion.report..",
                "tandem.emotion.explain..", "tandem.emotion.cli..");
        check("tandem.emotion.features..", "features turn media into model input; they know no trained model",
                "tandem.emotion.infer..", "tandem.emotion.train..", "tandem.emotion.report..", "tandem.emotion.explain..",
                "tandem.emotion.cli..", "tandem.emotion.synth..");
        check("tandem.emotion.infer..", "inference (checkpoints, prediction) is what training and explain share, below both",
                "tandem.emotion.train..", "tandem.emotion.report..", "tandem.emotion.explain..", "tandem.emotion.cli..",
                "tandem.emotion.synth..");
        check("tandem.emotion.train..", "training writes results; reports and explanations read them",
                "tandem.emotion.report..", "tandem.emotion.explain..", "tandem.emotion.cli..", "tandem.emotion.synth..");
        check("tandem.emotion.report..", "reports draw results; they run nothing", "tandem.emotion.explain..", "tandem.emotion.cli..");
        check("tandem.emotion.explain..", "explanations use inference, never training", "tandem.emotion.train..", "tandem.emotion.cli..");
        check("tandem.emotion.grid..", "a grid runs experiments and reports them; the CLI and distributed runners sit on it",
                "tandem.emotion.cli..", "tandem.emotion.explain..");
        for (String below : new String[] {"tandem.emotion.features..", "tandem.emotion.model..", "tandem.emotion.infer..",
                "tandem.emotion.train..", "tandem.emotion.report..", "tandem.emotion.synth..", "tandem.emotion.explain.."}) {
            check(below, "nothing below the grid knows it", "tandem.emotion.grid..");
        }
    }

    /** The map at the top of docs/design-notes.md names every package of main code, and no other. */
    @Test
    void theDesignNotesMapMatchesThePackages() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        Set<String> inCode = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/"))
                    .forEach(f -> inCode.add(root.relativize(f.getParent()).toString().replaceFirst("^.*?/src/main/java/", "").replace('/', '.')));
        }
        Set<String> inMap = new TreeSet<>();
        String notes = Files.readString(root.resolve("docs/design-notes.md"));
        Matcher m = Pattern.compile("(?m)^\\| `(tandem[a-z.]*)` \\|").matcher(notes);
        while (m.find()) inMap.add(m.group(1));
        assertEquals(inCode, inMap, "packages in the code vs. packages in the map of docs/design-notes.md");
    }
}
