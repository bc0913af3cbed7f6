package tandem.emotion.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import tandem.emotion.eval.ConfusionMatrix;
import tandem.nn.io.AtomicFiles;

/** PNG figures through XChart: confusion matrices (as the seed's Figure 3), training curves, attention heatmaps. */
public final class Plots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final Color[] BLUES = {new Color(247, 251, 255), new Color(198, 219, 239), new Color(107, 174, 214),
        new Color(33, 113, 181), new Color(8, 48, 107)};

    private Plots() {}

    /** Row-normalised confusion matrix with counts in the cells' values shown as fractions. */
    public static void confusionMatrix(ConfusionMatrix m, String title, Path png) throws IOException {
        double[][] norm = m.rowNormalised();
        List<String> classes = m.classes();
        List<Number[]> cells = new ArrayList<>();
        int n = classes.size();
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) cells.add(new Number[] {p, n - 1 - t, Math.round(norm[t][p] * 100) / 100.0});
        }
        List<String> rows = new ArrayList<>(classes);
        Collections.reverse(rows);
        HeatMapChart chart = new HeatMapChartBuilder().width(620).height(460).title(title)
                .xAxisTitle("predicted").yAxisTitle("true").build();
        chart.getStyler().setShowValue(true).setMin(0).setMax(1).setRangeColors(BLUES).setHeatMapValueDecimalPattern("0.00");
        colourBar(chart);
        chart.addSeries("confusion", classes, rows, cells);
        save(chart, png);
    }

    /** Any matrix as a heatmap (attention weights: rows are queries, columns keys), with a colour bar from its min to its max. */
    public static void heatmap(double[][] values, List<String> rowLabels, List<String> colLabels, String title,
                               String xTitle, String yTitle, Path png) throws IOException {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        heatmap(values, rowLabels, colLabels, title, xTitle, yTitle, min, max == min ? min + 1 : max, new Layout(40, 160, 64), png);
    }

    /**
     * A heatmap on a fixed colour range (accuracies from 0 to 1, so that two figures compare), with columns wide enough
     * for a name and a two-decimal value.
     */
    public static void heatmap(double[][] values, List<String> rowLabels, List<String> colLabels, String title,
                               String xTitle, String yTitle, double min, double max, Path png) throws IOException {
        int longestRow = rowLabels.stream().mapToInt(String::length).max().orElse(0);
        heatmap(values, rowLabels, colLabels, title, xTitle, yTitle, min, max, new Layout(120, 8 * longestRow + 90, 160), png);
    }

    /** Pixels per column, pixels for the row labels and axis, and up to how many cells the values are written in. */
    private record Layout(int columnWidth, int labelMargin, int maxValuesShown) {}

    private static void heatmap(double[][] values, List<String> rowLabels, List<String> colLabels, String title, String xTitle,
                                String yTitle, double min, double max, Layout layout, Path png) throws IOException {
        List<Number[]> cells = new ArrayList<>();
        int r = values.length;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < values[i].length; j++) cells.add(new Number[] {j, r - 1 - i, values[i][j]});
        }
        List<String> rows = new ArrayList<>(rowLabels);
        Collections.reverse(rows);
        // the colour bar on the right takes about 100 pixels beside the labels and cells
        HeatMapChart chart = new HeatMapChartBuilder().width(Math.max(460, layout.columnWidth() * colLabels.size() + layout.labelMargin() + 100))
                .height(Math.max(300, 30 * rowLabels.size() + 140)).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        // the colour bar prints its ends in full: round them outwards to two significant digits of the range
        int digits = Math.max(0, 1 - (int) Math.floor(Math.log10(max - min)));
        min = BigDecimal.valueOf(min).setScale(digits, RoundingMode.FLOOR).doubleValue();
        max = BigDecimal.valueOf(max).setScale(digits, RoundingMode.CEILING).doubleValue();
        chart.getStyler().setShowValue(values.length * colLabels.size() <= layout.maxValuesShown()).setMin(min).setMax(max)
                .setRangeColors(BLUES).setHeatMapValueDecimalPattern("0.00");
        colourBar(chart);
        chart.addSeries("weights", colLabels, rows, cells);
        save(chart, png);
    }

    // XChart draws a heat map's legend as its colour bar: the colour ramp from the scale's min to its max
    private static void colourBar(HeatMapChart chart) {
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    }

    /** Named series over epochs (loss, accuracy...). */
    public static void curves(Map<String, double[]> series, String title, String yTitle, Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(640).height(400).title(title).xAxisTitle("epoch").yAxisTitle(yTitle).build();
        for (var e : series.entrySet()) {
            double[] y = e.getValue();
            double[] x = new double[y.length];
            for (int i = 0; i < y.length; i++) x[i] = i + 1;
            if (y.length > 0) chart.addSeries(e.getKey(), x, y);
        }
        save(chart, png);
    }

    /** A frame with a heat map (values in [0, 1], any size) blended over it: red where the map is high. */
    public static BufferedImage overlay(BufferedImage frame, double[][] map, double alpha) {
        int w = frame.getWidth(), h = frame.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int mh = map.length, mw = map[0].length;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = bilinear(map, (y + 0.5) * mh / h - 0.5, (x + 0.5) * mw / w - 0.5, mh, mw);
                int rgb = frame.getRGB(x, y);
                int r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
                double a = alpha * Math.max(0, Math.min(1, v));
                r = (int) Math.round(r * (1 - a) + 255 * a);
                g = (int) Math.round(g * (1 - a));
                b = (int) Math.round(b * (1 - a));
                out.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return out;
    }

    private static double bilinear(double[][] m, double y, double x, int h, int w) {
        y = Math.max(0, Math.min(h - 1, y));
        x = Math.max(0, Math.min(w - 1, x));
        int y0 = (int) Math.floor(y), x0 = (int) Math.floor(x);
        int y1 = Math.min(h - 1, y0 + 1), x1 = Math.min(w - 1, x0 + 1);
        double fy = y - y0, fx = x - x0;
        return (1 - fy) * ((1 - fx) * m[y0][x0] + fx * m[y0][x1]) + fy * ((1 - fx) * m[y1][x0] + fx * m[y1][x1]);
    }

    /** Written through a temporary file, so a half-written PNG never replaces a good one. */
    static void save(Chart<?, ?> chart, Path png) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        // through a stream: given a file name, XChart would append its own ".png" to the temporary name
        AtomicFiles.writeVia(png, temp -> {
            try (var os = Files.newOutputStream(temp)) {
                BitmapEncoder.saveBitmap(chart, os, BitmapEncoder.BitmapFormat.PNG);
            }
        });
    }
}
