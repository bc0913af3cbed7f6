package tandem.emotion.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tandem.emotion.model.fusion.FusionPoint;

class ModelSpecTest {
    @BeforeAll
    static void variants() { TestVariants.register(); }

    @Test
    void defaultsAreTheTinyLateSumWithLinearHeads() {
        ModelSpec s = ModelSpec.parse("");
        assertEquals(ModelPreset.TINY, s.preset());
        assertEquals("none", s.fusion());
        assertEquals("linear", s.head());
        assertEquals(4, s.classes());
        assertEquals(Modality.BOTH, s.modality());
        assertTrue(s.points().isEmpty());
        assertTrue(s.stemRelu(), "Hara's stem keeps its ReLU without fusion");
    }

    @Test
    void parsesEveryKeyAndFusionOptions() {
        ModelSpec s = ModelSpec.parse(" preset=ravdess , fusion=test-gate,head=test-gap,classes=8,points=late,fusion.windows=4,fusion.gateMode=tanh");
        assertEquals(ModelPreset.RAVDESS, s.preset());
        assertEquals(TestVariants.FUSION, s.fusion());
        assertEquals(TestVariants.HEAD, s.head());
        assertEquals(8, s.classes());
        assertEquals(Set.of(FusionPoint.LATE), s.points());
        assertEquals(Map.of("windows", "4", "gateMode", "tanh"), s.fusionOptions().values());
        assertEquals(4, s.fusionOptions().intValue("windows", 1));
        assertFalse(s.stemRelu(), "MSAF's fused network drops the stem ReLU");
        assertTrue(ModelSpec.parse("fusion=test-gate,stemrelu=true").stemRelu());
    }

    @Test
    void inputSizesOverrideThePreset() {
        ModelSpec s = ModelSpec.parse("preset=small,video.frames=30,audio.frames=100,modality=video");
        assertEquals("small", s.preset().name());
        assertEquals(30, s.preset().video().frames());
        assertEquals(ModelPreset.SMALL.video().size(), s.preset().video().size());
        assertEquals(100, s.preset().audioFrames());
        assertEquals(ModelPreset.SMALL.video().width(), s.preset().video().width());
        assertEquals(Modality.VIDEO, s.modality());
    }

    @Test
    void toStringParsesBackToAnEqualSpec() {
        for (String text : new String[] {"", "preset=small,modality=audio,classes=3",
                "fusion=test-gate,points=mid+late,fusion.x=1,fusion.a=b,video.size=20", "head=test-gap,stemrelu=false"}) {
            ModelSpec s = ModelSpec.parse(text);
            assertEquals(s, ModelSpec.parse(s.toString()), text + " -> " + s);
        }
        assertEquals("preset=tiny,fusion=none,head=linear,classes=4,modality=both,stemrelu=true", ModelSpec.parse("").toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "colour=red                     | unknown key 'colour'",
        "preset                         | 'preset' is not key=value",
        "preset=huge                    | unknown preset 'huge'; known: ravdess, small, tiny",
        "fusion=magic                   | unknown fusion 'magic'",
        "head=forest                    | unknown head 'forest'; known:",
        "classes=1                      | classes=1 is out of range; allowed: 2 to 1000",
        "classes=four                   | classes=four is not an integer",
        "modality=smell                 | unknown modality 'smell'; known: both, video, audio",
        "points=early                   | unknown point 'early'",
        "stemrelu=yes                   | stemrelu=yes must be true or false",
        "video.size=-3                  | video.size=-3 is out of range; allowed: 1 to 1024",
        "classes=4,classes=5            | key 'classes' given twice",
        "fusion=test-gate,modality=audio | fusion=test-gate needs modality=both",
        "points=mid                     | need a fusion variant, but fusion=none",
        "fusion.windows=4               | need a fusion variant, but fusion=none",
    })
    void badSpecsAreNamed(String text, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse(text));
        assertTrue(e.getMessage().contains(message), "'" + text + "' gave: " + e.getMessage());
    }

    @Test
    void headOptionsAndOptionsQualifiedWithTheirOwnersName() {
        ModelSpec s = ModelSpec.parse("fusion=msaf,head=classmap,fusion.msaf.split=2,fusion.doubleDropout=true,head.score=plain,head.classmap.reduction=8");
        assertEquals(Map.of("split", "2", "doubleDropout", "true"), s.fusionOptions().values());
        assertEquals(Map.of("score", "plain", "reduction", "8"), s.headOptions().values());
        assertEquals("preset=tiny,fusion=msaf,head=classmap,classes=4,modality=both,stemrelu=false,fusion.doubleDropout=true,fusion.split=2,"
                + "head.reduction=8,head.score=plain", s.toString());
        assertEquals(s, ModelSpec.parse(s.toString()));
        var other = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("fusion=window,fusion.msaf.split=2"));
        assertEquals("model spec: option fusion.msaf.split is for fusion 'msaf', but fusion=window", other.getMessage());
        var twice = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("fusion=msaf,fusion.msaf.split=2,fusion.split=3"));
        assertTrue(twice.getMessage().contains("option fusion.split given twice"), twice.getMessage());
        var head = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("head=linear,head.classmap.score=plain"));
        assertEquals("model spec: option head.classmap.score is for head 'classmap', but head=linear", head.getMessage());
    }

    @Test
    void classesFromTheDataAndABranchOfTheModel() {
        ModelSpec s = ModelSpec.parse("preset=small,fusion=window,head=classmap,fusion.windows=2,head.score=plain");
        assertEquals(8, s.withClasses(8).classes());
        ModelSpec video = s.withClasses(8).unimodal(Modality.VIDEO);
        assertEquals("preset=small,fusion=none,head=classmap,classes=8,modality=video,stemrelu=true,head.score=plain", video.toString());
        assertThrows(IllegalArgumentException.class, () -> s.unimodal(Modality.BOTH));
        assertEquals(Set.of("preset", "fusion", "head", "fusion.windows", "head.score"), ModelSpec.keysIn(s.toString().replace(",classes=4", "")
                .replace(",modality=both", "").replace(",stemrelu=false", "")));
    }

    @Test
    void unknownHeadListsTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("head=forest"));
        assertTrue(e.getMessage().contains("linear") && e.getMessage().contains(TestVariants.HEAD), e.getMessage());
    }
}
