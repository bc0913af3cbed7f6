package tandem.emotion.scratch;

import org.junit.jupiter.api.Test;
import tandem.autograd.Var;
import tandem.emotion.model.EmotionModel;
import tandem.emotion.model.ModelSpec;
import tandem.nn.Seeds;
import tandem.nn.loss.CrossEntropyLoss;
import tandem.nn.optim.Adam;
import tandem.tensor.Tensor;

class StepTimeTest {
    @Test void time() {
        for (String s : new String[] {"preset=tiny,fusion=msaf,head=linear", "preset=tiny,fusion=window,head=classmap", "preset=tiny,fusion=none,head=linear"}) {
            Seeds.set(1);
            ModelSpec spec = ModelSpec.parse(s);
            EmotionModel m = new EmotionModel(spec);
            Adam opt = new Adam(m.parameters(), 1e-3);
            int b = 8;
            int[] vs = spec.preset().videoShape(), as = spec.preset().audioShape();
            Var v = Var.constant(Tensor.randn(1, b, vs[0], vs[1], vs[2], vs[3]));
            Var a = Var.constant(Tensor.randn(2, b, as[0], as[1]));
            long[] t = new long[4];
            for (int i = 0; i < 16; i++) {
                long t0 = System.nanoTime();
                Var logits = m.forward(v, a);
                long t1 = System.nanoTime();
                Var loss = CrossEntropyLoss.apply(logits, new int[] {0, 1, 2, 3, 0, 1, 2, 3});
                opt.zeroGrad();
                loss.backward();
                long t2 = System.nanoTime();
                opt.step();
                long t3 = System.nanoTime();
                if (i >= 2) { t[0] += t1 - t0; t[1] += t2 - t1; t[2] += t3 - t2; }
            }
            System.out.printf("%s: fwd %.0f ms, bwd %.0f ms, step %.0f ms, params %d%n", s, t[0] / 4e6, t[1] / 4e6, t[2] / 4e6, m.parameterCount());
        }
    }
}
