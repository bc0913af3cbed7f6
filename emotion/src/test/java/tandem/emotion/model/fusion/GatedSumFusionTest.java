package tandem.emotion.model.fusion;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tandem.autograd.Var;
import tandem.nn.Seeds;
import tandem.tensor.DType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static tandem.emotion.model.fusion.TestSupport.assertClose;
import static tandem.emotion.model.fusion.TestSupport.randomF64;

class GatedSumFusionTest {
    private static GatedSumFusion block() {
        Seeds.set(51);
        GatedSumFusion b = FusionRegistry.get("gated").create(FusionPoint.LATE, 6, 4, new FusionOptions(Map.of("hidden", "3")));
        b.to(DType.F64);
        return b;
    }

    private static Var linear(Map<String, Var> p, String prefix, Var x) {
        return x.matmul(p.get(prefix + ".weight").transpose(0, 1)).add(p.get(prefix + ".bias"));
    }

    @Test void gatesEachModalityFromTheSummedContexts() {
        GatedSumFusion b = block();
        Map<String, Var> p = b.namedParameters();
        Var video = randomF64(1, 2, 6, 3, 2, 2), audio = randomF64(2, 2, 4, 5);
        Var joint = linear(p, "video_in", video.mean(false, 2, 3, 4)).add(linear(p, "audio_in", audio.mean(false, 2))).relu();
        Var gv = linear(p, "video_gate", joint).sigmoid(), ga = linear(p, "audio_gate", joint).sigmoid();
        FusionBlock.Fused out = b.forward(video, audio);
        assertClose(video.mul(gv.reshape(2, 6, 1, 1, 1)), out.video(), 1e-14, 1e-12, "gated video");
        assertClose(audio.mul(ga.reshape(2, 4, 1)), out.audio(), 1e-14, 1e-12, "gated audio");
        assertEquals(EnumSet.of(FusionPoint.LATE), FusionRegistry.get("gated").defaultPoints());
    }

    @Test void gradientsWithRespectToInputsAndParameters() {
        GatedSumFusion b = block();
        TestSupport.assertGradients(b, List.of("video_in.weight", "audio_gate.bias"), in -> TestSupport.joined(b.forward(in[0], in[1])),
                randomF64(3, 2, 6, 2, 1, 2), randomF64(4, 2, 4, 3));
    }

    @Test void rejectsUnknownOptionsAndBadHidden() {
        FusionFactory f = FusionRegistry.get("gated");
        assertThrows(IllegalArgumentException.class, () -> f.create(FusionPoint.LATE, 6, 4, new FusionOptions(Map.of("hiden", "3"))));
        assertThrows(IllegalArgumentException.class, () -> f.create(FusionPoint.LATE, 6, 4, new FusionOptions(Map.of("hidden", "0"))));
    }
}
