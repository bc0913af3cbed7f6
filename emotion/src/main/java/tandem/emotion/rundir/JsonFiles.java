package tandem.emotion.rundir;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JSON files of a run folder (run.json, result.json, grid.json), read back by a resumed run: a file that is
 * missing, empty, not UTF-8, not JSON or not the expected kind of value fails with its name and the problem in words,
 * never with a parser's exception text and its links.
 */
public final class JsonFiles {
    /** Run files are small; anything larger is not one of them. */
    static final long MAX_BYTES = 64L << 20;

    private JsonFiles() {}

    /** The JSON object in {@code file}, a {@code what} ("run record", "fold result"). */
    public static com.google.gson.JsonObject readObject(Path file, String what) throws IOException {
        JsonElement e = read(file, what);
        if (!e.isJsonObject()) throw damaged(file, what, "holds " + kind(e) + ", not a JSON object");
        return e.getAsJsonObject();
    }

    /** The JSON value in {@code file} (strict JSON, one value). */
    public static JsonElement read(Path file, String what) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": " + (Files.exists(file) ? "is not a regular file" : "is missing") + "; expected the " + what);
        }
        long size = Files.size(file);
        if (size > MAX_BYTES) throw damaged(file, what, "is " + size + " bytes, far larger than any " + what);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw damaged(file, what, "is not UTF-8 text");
        }
        if (text.isBlank()) throw damaged(file, what, "is empty (a write cut short?)");
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.LEGACY_STRICT);
            JsonElement e = JsonParser.parseReader(reader);
            if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) throw damaged(file, what, "has text after its JSON value");
            return e;
        } catch (RuntimeException | IOException e) {
            if (e instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith(file.toString())) throw io;
            throw damaged(file, what, "is not valid JSON (" + problem(e) + ")");
        }
    }

    /** A parser's message without its troubleshooting link. */
    public static String problem(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int see = m.indexOf("\nSee ");
        if (see < 0) see = m.indexOf(" See https://");
        if (see >= 0) m = m.substring(0, see);
        m = m.replaceFirst("^([a-z]+\\.)+[A-Za-z]*(Exception|Error): ", "");      // a wrapped cause's class name says nothing to a user
        return m.replace('\n', ' ').strip();
    }

    /**
     * A JSON object with its keys in the order given: {@code Map.of} iterates in an order salted afresh in every JVM,
     * so two identical runs would write files that differ byte for byte.
     */
    public static java.util.Map<String, Object> object(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) throw new IllegalArgumentException("keys and values must pair up");
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    public static IOException damaged(Path file, String what, String problem) {
        return new IOException(file + ": " + problem + "; it should be the " + what + " (delete or restore it)");
    }

    private static String kind(JsonElement e) {
        return e.isJsonNull() ? "null" : e.isJsonArray() ? "a list" : e.isJsonPrimitive() ? "a single value" : "an object";
    }
}
