package tandem.emotion.train;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** One look for every progress bar: ASCII (safe in logs), updated at most every 500 ms, on stderr, with ETA. */
public final class ProgressBars {
    private ProgressBars() {}

    public static ProgressBar create(String task, long max) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(1, max)).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).setMaxRenderedLength(130).continuousUpdate().build();
    }
}
