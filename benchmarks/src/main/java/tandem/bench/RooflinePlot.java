package tandem.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code bench --plot FILE.png}: the rows on the roofline of each thread count (log-log: arithmetic intensity in
 * FLOPs per byte against GFLOP/s), the ceilings being the FMA peak and the STREAM bandwidth measured in the same
 * run. The title names the CPU, its vector ISA and the lanes the Vector API used.
 */
final class RooflinePlot {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private RooflinePlot() {}

    static void write(BenchReport report, Path png) throws IOException {
        BenchEnvironment e = report.environment();
        String title = String.format(Locale.ROOT, "Roofline: %s, %s, %d-bit vectors (%d float lanes), commit %s", e.cpu(), e.isa(),
                e.vectorBits(), e.floatLanes(), e.commit());
        XYChart chart = new XYChartBuilder().width(1200).height(760).title(title)
                .xAxisTitle("arithmetic intensity (FLOP / byte moved at least once)").yAxisTitle("GFLOP/s").build();
        XYStyler style = chart.getStyler();
        style.setXAxisLogarithmic(true);
        style.setYAxisLogarithmic(true);
        style.setLegendPosition(Styler.LegendPosition.OutsideE);
        style.setChartBackgroundColor(Color.WHITE);
        style.setMarkerSize(9);
        style.setXAxisDecimalPattern("0.###");
        style.setYAxisDecimalPattern("0.#");
        double lo = 0.05, hi = 1000;
        for (BenchReport.Row r : report.rows()) {
            if (r.flopsPerByte() != null) {
                lo = Math.min(lo, r.flopsPerByte() / 2);
                hi = Math.max(hi, r.flopsPerByte() * 2);
            }
        }
        for (BenchReport.Ceiling c : report.ceilings()) {
            if (c.peakGflops() == null || c.bandwidthGbs() == null) continue;
            String label = String.format(Locale.ROOT, "roof, %s: %.0f GFLOP/s, %.1f GB/s", c.device() == null ? c.threads() + " thread(s)" : c.device(),
                    c.peakGflops(), c.bandwidthGbs());
            List<Double> x = new ArrayList<>(), y = new ArrayList<>();
            double knee = c.peakGflops() / c.bandwidthGbs();
            for (double ai : new double[] {lo, knee, hi}) {
                x.add(ai);
                y.add(Math.min(c.peakGflops(), c.bandwidthGbs() * ai));
            }
            XYSeries s = chart.addSeries(label, x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
        }
        for (BenchReport.Row r : report.rows()) {
            if (r.flopsPerByte() == null || r.gflops() == null || r.gflops() <= 0) continue;
            XYSeries s = chart.addSeries(r.key(), List.of(r.flopsPerByte()), List.of(r.gflops()));
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(r.threads() > 1 ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
        }
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Path tmp = png.resolveSibling(png.getFileName() + ".tmp.png");
        BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
        Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
