package tandem.emotion.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tandem.emotion.data.ManifestEntry;

/**
 * CREMA-D (Cao et al. 2014) as distributed: video ({@code VideoFlash/*.flv} or {@code VideoMP4/*.mp4}) and audio
 * ({@code AudioWAV/*.wav}) folders whose files are named {@code ActorID_Sentence_Emotion_Level}, e.g.
 * {@code 1001_DFA_ANG_XX}. A video and the WAV of the same name make a clip; a video without a WAV takes its own sound
 * track ({@code from-video}); a WAV without a video is skipped. Labels are the emotion codes in the words RAVDESS
 * uses (ANG angry, DIS disgust, FEA fearful, HAP happy, NEU neutral, SAD sad); the subject is {@code actor-<ActorID>}.
 * The whole tree is searched, so the folder names do not matter; a second video of one name (an .flv and an .mp4) is
 * skipped as a duplicate.
 */
public final class CremadImporter implements DatasetImporter {
    private static final Pattern NAME = Pattern.compile("(\\d{4})_([A-Z]{3})_([A-Z]{3})_([A-Z]{2})");
    private static final Set<String> SENTENCES = Set.of("IEO", "TIE", "IOM", "IWW", "TAI", "MTI", "IWL", "ITH", "DFA", "ITS", "TSI", "WSI");
    private static final Map<String, String> EMOTIONS = Map.of("ANG", "angry", "DIS", "disgust", "FEA", "fearful", "HAP", "happy",
            "NEU", "neutral", "SAD", "sad");
    private static final Set<String> LEVELS = Set.of("LO", "MD", "HI", "XX");

    @Override
    public String name() { return "cremad"; }

    @Override
    public ImportReport scan(Path dir) throws IOException {
        List<ImportReport.Skipped> skipped = new ArrayList<>();
        Map<String, Path> videos = new TreeMap<>(), audios = new TreeMap<>();
        for (Path f : MediaFiles.walk(dir)) {
            boolean video = MediaFiles.isVideo(f);
            if (!video && !MediaFiles.isWav(f)) {
                skipped.add(new ImportReport.Skipped(f, "neither a video (" + String.join(", ", new TreeSet<>(MediaFiles.VIDEO)) + ") nor a WAV file"));
                continue;
            }
            String stem = MediaFiles.stem(f);
            Optional<String> problem = nameProblem(stem);
            if (problem.isEmpty()) problem = MediaFiles.problem(f);
            if (problem.isPresent()) {
                skipped.add(new ImportReport.Skipped(f, problem.get()));
                continue;
            }
            Map<String, Path> into = video ? videos : audios;
            Path earlier = into.putIfAbsent(stem, f);
            if (earlier != null) skipped.add(new ImportReport.Skipped(f, "another " + (video ? "video" : "WAV") + " of the same clip: " + dir.relativize(earlier)));
        }
        List<ManifestEntry> clips = new ArrayList<>();
        for (var e : videos.entrySet()) {
            Matcher m = NAME.matcher(e.getKey());
            if (!m.matches()) throw new IllegalStateException("checked name does not match: " + e.getKey());
            clips.add(new ManifestEntry(e.getKey(), e.getValue(), Optional.ofNullable(audios.get(e.getKey())), EMOTIONS.get(m.group(3)),
                    "actor-" + m.group(1), OptionalDouble.empty(), OptionalDouble.empty()));
        }
        for (var e : audios.entrySet()) {
            if (!videos.containsKey(e.getKey())) skipped.add(new ImportReport.Skipped(e.getValue(), "WAV without a video of the same name"));
        }
        return new ImportReport(name(), dir, clips, skipped);
    }

    /** Why {@code stem} is not a CREMA-D name, or empty when it is one. */
    static Optional<String> nameProblem(String stem) {
        Matcher m = NAME.matcher(stem);
        if (!m.matches()) return Optional.of("not a CREMA-D name (ActorID_Sentence_Emotion_Level, e.g. 1001_DFA_ANG_XX)");
        int actor = Integer.parseInt(m.group(1));
        if (actor < 1001 || actor > 1091) return Optional.of("actor " + m.group(1) + " is not 1001 to 1091");
        if (!SENTENCES.contains(m.group(2))) return Optional.of("sentence code " + m.group(2) + " is not one of CREMA-D's twelve");
        if (!EMOTIONS.containsKey(m.group(3))) return Optional.of("emotion code " + m.group(3) + " is not ANG, DIS, FEA, HAP, NEU or SAD");
        if (!LEVELS.contains(m.group(4))) return Optional.of("level code " + m.group(4) + " is not LO, MD, HI or XX");
        return Optional.empty();
    }
}
