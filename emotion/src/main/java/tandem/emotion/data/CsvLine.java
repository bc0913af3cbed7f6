package tandem.emotion.data;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of RFC 4180 CSV: comma-separated, fields optionally in double quotes with {@code ""} for
 * a quote inside. Fields may not span lines, which keeps error line numbers exact.
 */
final class CsvLine {
    private CsvLine() {}

    /** The fields of {@code line}; throws IllegalArgumentException describing a malformed quote. */
    static List<String> parse(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(wasQuoted ? field.toString() : field.toString().strip());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
                wasQuoted = true;
            } else if (wasQuoted && !Character.isWhitespace(c)) {
                throw new IllegalArgumentException("text after a closing quote in field " + (fields.size() + 1));
            } else if (!wasQuoted) {
                field.append(c);
            }
        }
        if (quoted) throw new IllegalArgumentException("unterminated quote in field " + (fields.size() + 1));
        fields.add(wasQuoted ? field.toString() : field.toString().strip());
        return fields;
    }

    /** {@code fields} joined with commas, quoting those that need it. */
    static String format(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) out.append(',');
            String f = fields.get(i);
            boolean needsQuotes = f.contains(",") || f.contains("\"") || !f.equals(f.strip());
            if (f.contains("\n") || f.contains("\r")) {
                throw new IllegalArgumentException("CSV field holds a line break: " + f.replace("\n", "\\n"));
            }
            out.append(needsQuotes ? '"' + f.replace("\"", "\"\"") + '"' : f);
        }
        return out.toString();
    }
}
