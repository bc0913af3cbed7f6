package tandem.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code bench --plot FILE.png}: the rows of the run's largest thread count (or of its device) on their roofline
 * (log-log: arithmetic intensity in FLOPs per byte against GFLOP/s), whose ceilings are the FMA peak and the STREAM
 * bandwidth measured in the same run. One colour per op, a circle for the forward pass and a diamond for forward +
 * backward. The title names the CPU, its vector ISA and the lanes the Vector API used.
 */
final class RooflinePlot {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207), new Color(0, 0, 0),
        new Color(174, 199, 232), new Color(255, 187, 120), new Color(152, 223, 138), new Color(0, 100, 0),
        new Color(128, 0, 64), new Color(196, 156, 148), new Color(90, 90, 200)};

    private RooflinePlot() {}

    static void write(BenchReport report, Path png) throws IOException {
        BenchEnvironment e = report.environment();
        BenchReport.Ceiling roof = report.ceilings().stream().filter(c -> c.peakGflops() != null && c.bandwidthGbs() != null)
                .reduce((a, b) -> b.threads() >= a.threads() ? b : a)
                .orElseThrow(() -> new IllegalArgumentException("--plot: the run measured no ceilings"));
        String where = roof.device() != null ? roof.device() : roof.threads() + (roof.threads() == 1 ? " thread" : " threads");
        String title = String.format(Locale.ROOT, "Roofline on %s: %s, %s, %d-bit vectors (%d float lanes), commit %s", where, e.cpu(),
                e.isa(), e.vectorBits(), e.floatLanes(), e.commit());
        XYChart chart = new XYChartBuilder().width(1200).height(760).title(title)
                .xAxisTitle("arithmetic intensity (FLOP per byte moved at least once)").yAxisTitle("GFLOP/s").build();
        XYStyler style = chart.getStyler();
        style.setXAxisLogarithmic(true);
        style.setYAxisLogarithmic(true);
        style.setLegendPosition(Styler.LegendPosition.OutsideE);
        style.setChartBackgroundColor(Color.WHITE);
        style.setMarkerSize(10);
        style.setXAxisDecimalPattern("0.###");
        style.setYAxisDecimalPattern("0.#");

        List<BenchReport.Row> rows = report.rows().stream()
                .filter(r -> roof.device() != null ? roof.device().equals(r.device()) : r.device() == null && r.threads() == roof.threads())
                .filter(r -> r.flopsPerByte() != null && r.gflops() != null && r.gflops() > 0).toList();
        double lo = 0.1, hi = 1000;
        for (BenchReport.Row r : rows) {
            lo = Math.min(lo, r.flopsPerByte() / 2);
            hi = Math.max(hi, r.flopsPerByte() * 2);
        }
        double knee = roof.peakGflops() / roof.bandwidthGbs();
        XYSeries ceiling = chart.addSeries(String.format(Locale.ROOT, "roof: %.0f GFLOP/s, %.1f GB/s", roof.peakGflops(), roof.bandwidthGbs()),
                new double[] {lo, knee, hi}, new double[] {roof.bandwidthGbs() * lo, roof.peakGflops(), roof.peakGflops()});
        ceiling.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        ceiling.setMarker(SeriesMarkers.NONE);
        ceiling.setLineColor(Color.DARK_GRAY);

        Map<String, Color> colours = new LinkedHashMap<>();
        for (BenchReport.Row r : rows) {
            Color c = colours.computeIfAbsent(r.op(), op -> PALETTE[colours.size() % PALETTE.length]);
            XYSeries s = chart.addSeries(r.op() + " " + r.pass(), List.of(r.flopsPerByte()), List.of(r.gflops()));
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(r.pass().equals("fwd") ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
            s.setMarkerColor(c);
        }
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Path tmp = png.resolveSibling(png.getFileName() + ".tmp.png");
        BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
        Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
