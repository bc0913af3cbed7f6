package tandem.emotion.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tandem.tensor.Shape;

/** Rows of a model summary: a layer's dotted name, its output shape (batch first) and its own parameter count. */
public final class LayerTable {
    public record Row(String name, int[] shape, long parameters) {
        public Row {
            shape = shape.clone();
        }

        @Override
        public int[] shape() { return shape.clone(); }
    }

    private final List<Row> rows = new ArrayList<>();

    public void add(String name, int[] shape, long parameters) { rows.add(new Row(name, shape, parameters)); }

    public List<Row> rows() { return Collections.unmodifiableList(rows); }

    /** The row named {@code name}; fails naming the rows there are when it is absent. */
    public Row row(String name) {
        for (Row r : rows) if (r.name.equals(name)) return r;
        List<String> names = new ArrayList<>();
        for (Row r : rows) names.add(r.name);
        throw new IllegalArgumentException("layer table has no row '" + name + "'; rows: " + String.join(", ", names));
    }

    /** An aligned text table with a header line. */
    public String format() {
        int nameWidth = "layer".length(), shapeWidth = "output shape".length();
        for (Row r : rows) {
            nameWidth = Math.max(nameWidth, r.name.length());
            shapeWidth = Math.max(shapeWidth, Shape.str(r.shape).length());
        }
        String fmt = "%-" + nameWidth + "s  %-" + shapeWidth + "s  %,14d%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-" + nameWidth + "s  %-" + shapeWidth + "s  %14s%n", "layer", "output shape", "parameters"));
        for (Row r : rows) sb.append(String.format(fmt, r.name, Shape.str(r.shape), r.parameters));
        return sb.toString();
    }
}
