package tandem.emotion.explain;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The data a generated teaching page carries, read back from its HTML. */
final class PageData {
    private static final String OPEN = "<script type=\"application/json\" id=\"data\">";

    private PageData() {}

    static JsonObject read(Path html) throws IOException {
        String s = Files.readString(html);
        int start = s.indexOf(OPEN);
        if (start < 0) throw new AssertionError(html + ": no data script");
        int end = s.indexOf("</script>", start);
        return JsonParser.parseString(s.substring(start + OPEN.length(), end)).getAsJsonObject();
    }

    /** The walk for {@code windows} windows. */
    static JsonObject walk(JsonObject data, int windows) {
        for (JsonElement w : data.getAsJsonArray("walks")) if (w.getAsJsonObject().get("windows").getAsInt() == windows) return w.getAsJsonObject();
        throw new AssertionError("no walk for W = " + windows);
    }

    static JsonObject step(JsonObject walk, String id) {
        for (JsonElement s : walk.getAsJsonArray("steps")) if (s.getAsJsonObject().get("id").getAsString().equals(id)) return s.getAsJsonObject();
        throw new AssertionError("no step '" + id + "'");
    }

    /** The first block of {@code step} whose label starts with {@code prefix}. */
    static JsonObject block(JsonObject step, String prefix) {
        for (JsonElement b : step.getAsJsonArray("blocks")) {
            JsonObject o = b.getAsJsonObject();
            if (o.has("label") && o.get("label").getAsString().startsWith(prefix)) return o;
        }
        throw new AssertionError("no block '" + prefix + "...' in step " + step.get("id"));
    }

    static double[] values(JsonObject block) {
        JsonArray a = block.getAsJsonArray("values");
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).getAsDouble();
        return out;
    }
}
