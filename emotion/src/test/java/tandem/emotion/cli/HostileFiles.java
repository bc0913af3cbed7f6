package tandem.emotion.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Makers of malformed files: safetensors with edited headers or data, sparse giants, FIFOs, byte-level damage. */
final class HostileFiles {
    private HostileFiles() {}

    /** The header of a safetensors file as JSON. */
    static JsonObject header(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return JsonParser.parseString(new String(b, 8, (int) n, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    /** A copy of {@code src} whose header went through {@code edit}; the data section is kept as it was. */
    static Path withHeader(Path src, Path dst, Consumer<JsonObject> edit) throws IOException {
        byte[] b = Files.readAllBytes(src);
        long n = ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        JsonObject h = JsonParser.parseString(new String(b, 8, (int) n, StandardCharsets.UTF_8)).getAsJsonObject();
        edit.accept(h);
        return safetensors(dst, h.toString(), Arrays.copyOfRange(b, 8 + (int) n, b.length));
    }

    /** A copy of {@code src} whose metadata entry {@code key} is {@code value}. */
    static Path withMetadata(Path src, Path dst, String key, String value) throws IOException {
        return withHeader(src, dst, h -> h.getAsJsonObject("__metadata__").addProperty(key, value));
    }

    /** A safetensors file from a header text and data bytes, the header padded with spaces to 8 bytes as the format asks. */
    static Path safetensors(Path dst, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        int padded = (h.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(h);
        for (int i = h.length; i < padded; i++) out.put((byte) ' ');
        out.put(data);
        return Files.write(dst, out.array());
    }

    /** A copy of {@code src} with the first value of its first F32 tensor replaced by {@code value}; returns that tensor's name. */
    static String poisonFirstTensor(Path src, Path dst, float value) throws IOException {
        byte[] b = Files.readAllBytes(src);
        long n = ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        JsonObject h = header(src);
        String name = h.keySet().stream().filter(k -> !k.equals("__metadata__"))
                .filter(k -> h.getAsJsonObject(k).get("dtype").getAsString().equals("F32")).sorted().findFirst().orElseThrow();
        long at = 8 + n + h.getAsJsonObject(name).getAsJsonArray("data_offsets").get(0).getAsLong();
        ByteBuffer.wrap(b, (int) at, 4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value);
        Files.write(dst, b);
        return name;
    }

    /** A file of {@code bytes} whose first eight bytes, little-endian, say the header is {@code headerLength} long. */
    static Path claimedHeaderLength(Path dst, long headerLength, int bytes) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(Math.max(8, bytes)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(headerLength);
        return Files.write(dst, out.array());
    }

    /** A valid header for one F32 tensor of {@code gigabytes} GB with the data absent: a sparse file that costs no disk. */
    static Path sparseGiant(Path dst, String tensor, long gigabytes, String metadataJson) throws IOException {
        long bytes = gigabytes << 30, count = bytes / 4;
        String header = "{\"__metadata__\":" + metadataJson + ",\"" + tensor + "\":{\"dtype\":\"F32\",\"shape\":[" + count + "],\"data_offsets\":[0,"
                + bytes + "]}}";
        safetensors(dst, header, new byte[0]);
        try (RandomAccessFile f = new RandomAccessFile(dst.toFile(), "rw")) {
            f.setLength(f.length() + bytes);
        }
        return dst;
    }

    /** The first {@code fraction} of {@code src}. */
    static Path truncated(Path src, Path dst, double fraction) throws IOException {
        byte[] b = Files.readAllBytes(src);
        return Files.write(dst, Arrays.copyOf(b, (int) (b.length * fraction)));
    }

    /** A named pipe, through mkfifo; null where the system has none (then the case is not generated). */
    static Path fifo(Path dst) {
        try {
            Process p = new ProcessBuilder("mkfifo", dst.toString()).redirectErrorStream(true).start();
            return p.waitFor() == 0 && Files.exists(dst) ? dst : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(q);
                else Files.copy(p, q);
            }
        }
    }
}
