package tandem.emotion.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

    /**
     * What each emotion package may use of the others, bottom to top. Output folders (their lock, their JSON files),
     * media, data, protocol and statistics sit at the bottom; models know no media; inference (checkpoints, prediction) is what training, live recognition and
     * explanations share; reports read results; the grid runs experiments and reports them; the CLI sits on everything.
     */
    private static final Map<String, List<String>> MAY_USE = new LinkedHashMap<>();

    static {
        MAY_USE.put("rundir", List.of());
        MAY_USE.put("audio", List.of());
        MAY_USE.put("video", List.of("audio"));
        MAY_USE.put("data", List.of());
        MAY_USE.put("protocol", List.of());
        MAY_USE.put("eval", List.of());
        MAY_USE.put("importer", List.of("audio", "video", "data"));
        MAY_USE.put("synth", List.of("rundir", "audio", "video", "data"));
        MAY_USE.put("model", List.of());
        MAY_USE.put("features", List.of("audio", "video", "data", "protocol", "model"));
        MAY_USE.put("infer", List.of("rundir", "audio", "video", "data", "protocol", "model", "features"));
        MAY_USE.put("live", List.of("rundir", "audio", "video", "data", "protocol", "model", "features", "infer"));
        MAY_USE.put("train", List.of("rundir", "audio", "video", "data", "protocol", "eval", "model", "features", "infer"));
        MAY_USE.put("report", List.of("rundir", "data", "protocol", "eval", "model", "infer", "train"));
        MAY_USE.put("grid", List.of("rundir", "audio", "video", "data", "protocol", "eval", "synth", "model", "features", "infer", "train", "report"));
        MAY_USE.put("explain", List.of("rundir", "audio", "video", "data", "protocol", "eval", "model", "features", "infer", "report"));
        MAY_USE.put("cli", List.copyOf(MAY_USE.keySet()));
    }

    @Test
    void emotionLayers() {
        for (var layer : MAY_USE.entrySet()) {
            List<String> forbidden = MAY_USE.keySet().stream()
                    .filter(other -> !other.equals(layer.getKey()) && !layer.getValue().contains(other))
                    .map(other -> "tandem.emotion." + other + "..").toList();
            if (forbidden.isEmpty()) continue;
            check("tandem.emotion." + layer.getKey() + "..", "emotion." + layer.getKey() + " may use only "
                    + (layer.getValue().isEmpty() ? "no other emotion package" : String.join(", ", layer.getValue())),
                    forbidden.toArray(String[]::new));
        }
    }

    /** Every emotion package is placed in the table above, so a new one cannot slip past the layer rules. */
    @Test
    void everyEmotionPackageHasALayer() {
        Set<String> packages = new TreeSet<>();
        classes.stream().map(c -> c.getPackageName()).filter(p -> p.startsWith("tandem.emotion."))
                .forEach(p -> packages.add(p.substring("tandem.emotion.".length()).split("\\.")[0]));
        assertEquals(packages, new TreeSet<>(MAY_USE.keySet()), "emotion packages vs. the layers of ArchitectureTest.MAY_USE");
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
