package tandem.emotion.video;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;

/** What the media readers check before FFmpeg sees a file, and FFmpeg's failures in words a user can act on. */
final class MediaChecks {
    /** JavaCV's messages end in the FFmpeg error code: "avformat_open_input() error -1094995529: Could not open ...". */
    private static final Pattern ERROR_CODE = Pattern.compile("error (-\\d+)");

    private MediaChecks() {}

    /** Fails, naming the file, unless it is a readable regular file with content. */
    static void requireReadableFile(Path file, String ifFolder, String ifEmpty) throws MediaFileException {
        if (!Files.exists(file)) throw new MediaFileException(file, "file not found");
        if (Files.isDirectory(file)) throw new MediaFileException(file, ifFolder);
        if (!Files.isReadable(file)) throw new MediaFileException(file, "file is not readable");
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new MediaFileException(file, "cannot read file size: " + e.getMessage(), e);
        }
        if (size == 0) throw new MediaFileException(file, ifEmpty);
    }

    /**
     * FFmpeg's own words for a failure ("Invalid data found when processing input"), from the error code in JavaCV's
     * message; without a code, the message without JavaCV's hints to programmers.
     */
    static String reason(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Matcher m = ERROR_CODE.matcher(message);
        if (m.find()) {
            try (BytePointer text = new BytePointer(256)) {
                if (avutil.av_strerror(Integer.parseInt(m.group(1)), text, 256) == 0) return cString(text);
            } catch (NumberFormatException ignored) {
                // not an int: fall through to the message itself
            }
        }
        return message.replace(" (Has setFormat() been called?)", "")
                .replace(" (For more details, make sure FFmpegLogCallback.set() has been called.)", "");
    }

    /** The NUL-terminated text at the start of {@code buffer}. */
    private static String cString(BytePointer buffer) {
        byte[] bytes = new byte[(int) buffer.capacity()];
        buffer.get(bytes);
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) end++;
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
