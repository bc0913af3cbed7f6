package tandem.nn.io;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes a safetensors header byte for byte as the reference implementation does: compact JSON,
 * {@code __metadata__} first, then each tensor as {@code {"dtype":..,"shape":[..],"data_offsets":[b,e]}} in data
 * order, padded with spaces to a multiple of 8 bytes so that the data buffer starts 8-byte aligned.
 * Strings are escaped as serde_json escapes them (only quote, backslash and control characters; non-ASCII stays
 * raw UTF-8), which is what makes the bytes identical and not merely equivalent.
 */
final class HeaderJson {
    private HeaderJson() {}

    static byte[] encode(List<TensorEntry> entries, Map<String, String> metadata) {
        StringBuilder sb = new StringBuilder(64 + 96 * entries.size());
        sb.append('{');
        boolean first = true;
        if (!metadata.isEmpty()) {
            string(sb, "__metadata__");
            sb.append(":{");
            boolean firstPair = true;
            for (Map.Entry<String, String> kv : metadata.entrySet()) {
                if (!firstPair) sb.append(',');
                firstPair = false;
                string(sb, kv.getKey());
                sb.append(':');
                string(sb, kv.getValue());
            }
            sb.append('}');
            first = false;
        }
        for (TensorEntry e : entries) {
            if (!first) sb.append(',');
            first = false;
            string(sb, e.name());
            sb.append(":{\"dtype\":\"").append(e.dtype().name()).append("\",\"shape\":[");
            int[] shape = e.shape();
            for (int i = 0; i < shape.length; i++) {
                if (i > 0) sb.append(',');
                sb.append(shape[i]);
            }
            sb.append("],\"data_offsets\":[").append(e.begin()).append(',').append(e.end()).append("]}");
        }
        sb.append('}');
        byte[] json = sb.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        System.arraycopy(json, 0, out, 0, json.length);
        for (int i = json.length; i < padded; i++) out[i] = ' ';
        return out;
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
