package tandem.emotion.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProtocolTest {
    @Test void cutsNonOverlappingThirtyFrameRuns() {
        List<SubSegment> s = SubSegmenter.cut("clip a", 0, 25, 0.0, 3.7, 30, 1, "s1");   // 92 frames -> 3 runs
        assertEquals(3, s.size());
        assertEquals(0.0, s.get(0).start(), 1e-12);
        assertEquals(1.2, s.get(0).end(), 1e-12);
        assertEquals(s.get(0).end(), s.get(1).start(), 1e-12);
        assertEquals(3.6, s.get(2).end(), 1e-12);
    }

    @Test void aClipShorterThanOneSubSegmentIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SubSegmenter.cut("clip 'x' (x.mp4)", 0, 25, 0.0, 1.0, 30, 0, "s"));
        assertTrue(e.getMessage().contains("x.mp4") && e.getMessage().contains("25 frames") && e.getMessage().contains("30"), e.getMessage());
    }

    static List<SubSegment> items(int subjects, int perSubjectPerClass) {
        List<SubSegment> out = new ArrayList<>();
        for (int s = 0; s < subjects; s++)
            for (int c = 0; c < 4; c++)
                for (int i = 0; i < perSubjectPerClass + c; i++) out.add(new SubSegment(out.size(), i, 0, 1, c, "subj" + s));
        return out;
    }

    @Test void balancedSamplingTakesTheSmallestClassCountFromEach() {
        List<SubSegment> all = items(3, 2);                       // class c has 3*(2+c) items
        List<SubSegment> a = BalancedSampler.sample(all, 4, 1, 0), b = BalancedSampler.sample(all, 4, 2, 0);
        for (int c = 0; c < 4; c++) {
            final int cc = c;
            assertEquals(6, a.stream().filter(x -> x.label() == cc).count());
        }
        assertTrue(!a.equals(b), "different repeats draw different sub-segments");
        assertEquals(a, BalancedSampler.sample(all, 4, 1, 0));
        assertEquals(8, BalancedSampler.sample(all, 4, 1, 2).size());
    }

    @Test void randomFoldsPartitionAndStratify() {
        List<SubSegment> all = BalancedSampler.sample(items(5, 5), 4, 3, 0);   // 25 per class
        List<Folds.Split> folds = Folds.split(all, 5, Folds.Kind.RANDOM, 9);
        Set<Integer> seen = new HashSet<>();
        for (Folds.Split f : folds) {
            assertEquals(20, f.test().length);                   // 80/20
            for (int i : f.test()) assertTrue(seen.add(i), "each item is tested exactly once");
            for (int c = 0; c < 4; c++) {
                final int cc = c;
                assertEquals(5, Arrays.stream(f.test()).filter(i -> all.get(i).label() == cc).count());
            }
        }
        assertEquals(all.size(), seen.size());
    }

    @Test void subjectFoldsNeverShareASubject() {
        List<SubSegment> all = items(6, 2);
        for (Folds.Split f : Folds.split(all, 3, Folds.Kind.SUBJECT, 4)) {
            Set<String> train = new HashSet<>(), test = new HashSet<>();
            for (int i : f.train()) train.add(all.get(i).subject());
            for (int i : f.test()) test.add(all.get(i).subject());
            assertEquals(2, test.size());
            train.retainAll(test);
            assertTrue(train.isEmpty(), "subjects on both sides: " + train);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Folds.split(items(2, 1), 3, Folds.Kind.SUBJECT, 1));
        assertTrue(e.getMessage().contains("at least 3 subjects"), e.getMessage());
    }
}
