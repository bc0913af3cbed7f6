package tandem.emotion.train;

import java.util.List;
import tandem.emotion.protocol.SubSegment;

/**
 * Which sub-segments one fold of one repeat trains and tests on, each as {@code clipIndex:index} (the clip's row in the
 * run's manifest after class selection, and the sub-segment's position in the clip). Written as {@code split.json} in
 * the fold's folder, so that a later run starting from this fold's model can check it uses the same split.
 *
 * @param repeat from 0
 * @param fold   from 0
 */
public record FoldPlan(int repeat, int fold, List<String> train, List<String> test) {
    public FoldPlan {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }

    static String key(SubSegment s) { return s.clipIndex() + ":" + s.index(); }

    /** "repeat-1/fold-2": the fold's folder in a run. */
    public String folder() { return folder(repeat, fold); }

    /** The folder of fold {@code fold} of repeat {@code repeat} (both from 0) in a run. */
    public static String folder(int repeat, int fold) { return String.format("repeat-%d/fold-%d", repeat + 1, fold + 1); }
}
