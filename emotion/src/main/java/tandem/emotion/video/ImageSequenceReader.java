package tandem.emotion.video;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

/**
 * A folder of numbered PNG or JPEG frames ({@code frame_0001.png}, {@code 17.jpg}, ...) read as a
 * video at a given frame rate. Frames are ordered by the last number in their file name (so
 * {@code f2} precedes {@code f10}); frame {@code i} of that order is shown at {@code i / fps}
 * seconds, so gaps in the numbering do not leave gaps in time. Other files in the folder are ignored.
 */
public final class ImageSequenceReader implements FrameSource {
    private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)(?!.*\\d)");
    private static final double TIME_EPSILON_SECONDS = 1e-9;

    private final Path folder;
    private final double fps;
    private final List<Path> frames;

    private ImageSequenceReader(Path folder, double fps, List<Path> frames) {
        this.folder = folder;
        this.fps = fps;
        this.frames = frames;
    }

    /** Lists and orders the frames of {@code folder}; images are decoded only when read. */
    public static ImageSequenceReader open(Path folder, double fps) throws MediaFileException {
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException(folder + ": fps must be positive and finite, got " + fps);
        }
        if (!Files.exists(folder)) throw new MediaFileException(folder, "folder not found");
        if (!Files.isDirectory(folder)) throw new MediaFileException(folder, "is not a folder of image frames");
        List<Path> images;
        try (Stream<Path> listing = Files.list(folder)) {
            images = listing.filter(ImageSequenceReader::isImageFile).toList();
        } catch (IOException e) {
            throw new MediaFileException(folder, "cannot list folder: " + e.getMessage(), e);
        }
        if (images.isEmpty()) throw new MediaFileException(folder, "holds no .png/.jpg/.jpeg frames");
        Map<Long, Path> byNumber = new HashMap<>();
        for (Path image : images) {
            long number = frameNumber(image);
            Path clash = byNumber.put(number, image);
            if (clash != null) {
                throw new MediaFileException(folder, "frames " + clash.getFileName() + " and " + image.getFileName()
                        + " carry the same number " + number);
            }
        }
        List<Path> ordered = new ArrayList<>(images);
        ordered.sort(Comparator.comparingLong(ImageSequenceReader::frameNumberUnchecked));
        return new ImageSequenceReader(folder, fps, List.copyOf(ordered));
    }

    @Override public Path path() { return folder; }

    @Override public double fps() { return fps; }

    @Override public int frameCount() { return frames.size(); }

    /** The frame files in display order. */
    public List<Path> frameFiles() { return frames; }

    @Override
    public List<BufferedImage> readFrames(double startSeconds, double endSeconds) throws MediaFileException {
        FrameSource.checkRange(folder, startSeconds, endSeconds);
        List<BufferedImage> out = new ArrayList<>();
        int width = -1;
        int height = -1;
        for (int i = 0; i < frames.size(); i++) {
            double t = i / fps;
            if (t < startSeconds - TIME_EPSILON_SECONDS) continue;
            if (t >= endSeconds - TIME_EPSILON_SECONDS) break;
            BufferedImage image = readRgb(frames.get(i));
            if (width < 0) {
                width = image.getWidth();
                height = image.getHeight();
            } else if (image.getWidth() != width || image.getHeight() != height) {
                throw new MediaFileException(frames.get(i), "frame is " + image.getWidth() + "x" + image.getHeight()
                        + " but earlier frames of " + folder.getFileName() + " are " + width + "x" + height);
            }
            out.add(image);
        }
        return out;
    }

    private static BufferedImage readRgb(Path file) throws MediaFileException {
        BufferedImage decoded;
        try {
            decoded = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new MediaFileException(file, "cannot decode image: " + e.getMessage(), e);
        }
        if (decoded == null) throw new MediaFileException(file, "not a PNG or JPEG image ImageIO can decode");
        if (decoded.getType() == BufferedImage.TYPE_INT_RGB) return decoded;
        BufferedImage rgb = new BufferedImage(decoded.getWidth(), decoded.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.drawImage(decoded, 0, 0, null);
        g.dispose();
        return rgb;
    }

    private static boolean isImageFile(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && !name.startsWith(".")
                && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"));
    }

    private static long frameNumber(Path image) throws MediaFileException {
        String name = image.getFileName().toString();
        String stem = name.substring(0, name.lastIndexOf('.'));
        Matcher m = LAST_NUMBER.matcher(stem);
        if (!m.find()) throw new MediaFileException(image, "frame file name carries no frame number");
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new MediaFileException(image, "frame number too large: " + m.group(1), e);
        }
    }

    private static long frameNumberUnchecked(Path image) {
        try {
            return frameNumber(image);
        } catch (MediaFileException e) {
            throw new IllegalStateException(e); // every name was checked in open()
        }
    }
}
