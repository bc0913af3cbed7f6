package tandem.emotion.explain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tandem.nn.io.AtomicFiles;
import tandem.tensor.Tensor;

/**
 * The windowed block's gates A over time: for each modality the mean gate over channels at every time step, so a
 * reader sees when in the clip one modality was turned up or down by the other.
 */
final class GateChart {
    private GateChart() {}

    /** Mean over channels of a gate tap (1, C, T), one value per time step. */
    static double[] channelMean(Tensor gate) {
        int channels = gate.size(1), steps = gate.size(2);
        double[] v = gate.toDoubleArray(), out = new double[steps];
        for (int c = 0; c < channels; c++) for (int t = 0; t < steps; t++) out[t] += v[c * steps + t] / channels;
        return out;
    }

    /**
     * One line per gate tap, x in seconds within the clip.
     *
     * @param gates series name -> gate tap (1, C, T)
     */
    static void draw(Explanation e, Map<String, Tensor> gates, Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(720).height(420).title("gates A over time (mean over channels)")
                .xAxisTitle("time in clip (s)").yAxisTitle("mean gate").build();
        for (var g : gates.entrySet()) {
            double[] y = channelMean(g.getValue());
            chart.addSeries(g.getKey() + " (" + g.getValue().size(1) + " channels)", TimeAxis.of(e.sample().segment(), y.length).centres(), y);
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        // through a stream: given a file name, XChart would append its own ".png" to the temporary name
        AtomicFiles.writeVia(png, temp -> {
            try (var os = Files.newOutputStream(temp)) {
                BitmapEncoder.saveBitmap(chart, os, BitmapEncoder.BitmapFormat.PNG);
            }
        });
    }

    /** The gate taps of the window blocks at {@code prefixes}, named for the legend. */
    static Map<String, Tensor> gatesOf(Explanation e, Iterable<String> prefixes) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String p : prefixes) {
            Tensor v = e.tap(p + "gate_video"), a = e.tap(p + "gate_audio");
            if (v != null) out.put(p + "gate_video", v);
            if (a != null) out.put(p + "gate_audio", a);
        }
        return out;
    }
}
