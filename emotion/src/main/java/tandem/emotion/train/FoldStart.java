package tandem.emotion.train;

import java.io.IOException;
import java.util.Map;
import tandem.nn.Module;

/**
 * How each fold's model starts before its first step: from its seeded initialisation ({@link #SCRATCH}), from one
 * checkpoint ({@link CheckpointStart}, {@code train --init}), or from the same fold's unimodal runs
 * ({@link BranchStart}, {@code --init-video} / {@code --init-audio}). A fold that resumes from its own checkpoint
 * skips this: the checkpoint already holds where it got to.
 */
public interface FoldStart {
    /** Nothing loaded: every fold starts from its seeded initialisation. */
    FoldStart SCRATCH = new FoldStart() {
        @Override
        public void apply(Module model, int repeat, int fold) {}

        @Override
        public Map<String, Object> record() { return Map.of(); }
    };

    /** Loads the starting weights of fold {@code fold} of repeat {@code repeat} (both from 0) into its fresh model. */
    void apply(Module model, int repeat, int fold) throws IOException;

    /** What run.json records about the start (empty for a fresh start); a resumed run must record the same. */
    Map<String, Object> record();
}
