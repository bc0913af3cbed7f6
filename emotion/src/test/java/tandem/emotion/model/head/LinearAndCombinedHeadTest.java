package tandem.emotion.model.head;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tandem.emotion.model.fusion.TestSupport.assertClose;
import static tandem.emotion.model.fusion.TestSupport.randomF64;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tandem.autograd.Var;
import tandem.nn.Seeds;
import tandem.tensor.DType;

class LinearAndCombinedHeadTest {
    private static Var linear(Map<String, Var> p, String prefix, Var x) {
        return x.matmul(p.get(prefix + "weight").transpose(0, 1)).add(p.get(prefix + "bias"));
    }

    @Test void videoHeadPoolsThenClassifies() {
        Seeds.set(41);
        LinearHead h = LinearHead.video(5, 4);
        h.to(DType.F64);
        Var f = randomF64(1, 2, 5, 2, 3, 3);
        Var expected = linear(h.namedParameters(), "fc.", f.mean(false, 2, 3, 4));
        assertClose(expected, h.forward(f), 1e-14, 1e-12, "video logits");
        assertEquals(List.of("fc.weight", "fc.bias"), List.copyOf(h.namedParameters().keySet()));
    }

    @Test void audioHeadFlattensWithDropoutOnlyInTraining() {
        Seeds.set(42);
        LinearHead h = LinearHead.audio(3, 4, 2);
        h.to(DType.F64);
        assertArrayEquals(new int[] {2, 12}, h.namedParameters().get("fc.weight").shape());
        Var f = randomF64(2, 5, 3, 4);
        h.eval();
        Var expected = linear(h.namedParameters(), "fc.", f.reshape(5, 12));
        assertClose(expected, h.forward(f), 1e-14, 1e-12, "audio logits (eval)");
        h.train(true);
        double diff = h.forward(f).data().sub(expected.data()).unary(tandem.tensor.UnaryOp.ABS).sum().item();
        assertNotEquals(0.0, diff, "dropout 0.4 should change training logits");
        var e = assertThrows(IllegalArgumentException.class, () -> h.forward(randomF64(3, 5, 3, 5)));
        assertTrue(e.getMessage().contains("(B, 3, 4)") && e.getMessage().contains("[5, 3, 5]"), e.getMessage());
    }

    @Test void combinedHeadSumsVideoAndAudioLogits() {
        Seeds.set(43);
        CombinedHead h = CombinedHead.named("classmap", 6, 4, 5, 3);
        h.to(DType.F64);
        h.eval();
        Var v = randomF64(4, 2, 6, 2, 2, 2), a = randomF64(5, 2, 4, 5);
        Var both = h.forward(v, a);
        assertTrue(h.namedParameters().containsKey("video.fc1.weight") && h.namedParameters().containsKey("audio.score_bias"));
        ClassMapHead videoOnly = (ClassMapHead) h.children().get("video");
        ClassMapHead audioOnly = (ClassMapHead) h.children().get("audio");
        assertClose(videoOnly.forward(v).add(audioOnly.forward(a)), both, 1e-14, 1e-12, "video + audio logits");

        CombinedHead unimodal = new CombinedHead(videoOnly, null);
        assertClose(videoOnly.forward(v), unimodal.forward(v, null), 0, 0, "video-only");
        var e = assertThrows(IllegalArgumentException.class, () -> unimodal.forward(v, a));
        assertTrue(e.getMessage().contains("no audio head"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CombinedHead(LinearHead.video(6, 3), LinearHead.audio(4, 5, 4)));
        assertTrue(e.getMessage().contains("3 classes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CombinedHead.named("mlp", 6, 4, 5, 3));
        assertTrue(e.getMessage().contains("mlp"), e.getMessage());
        assertTrue(CombinedHead.named("linear", 6, 4, 5, 3).namedParameters().containsKey("audio.fc.weight"));
    }
}
