package tandem.emotion.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import tandem.emotion.data.ManifestEntry;

/**
 * RAVDESS (Livingstone and Russo 2018) as distributed: {@code Actor_NN/} folders of {@code .mp4} (modality 01
 * audio-visual, 02 video-only) and {@code .wav} (03 audio-only) files named by {@link RavdessName codes}. The files of
 * one recording (codes 2 to 7 equal) become one clip, labelled with RAVDESS's emotion word, subject {@code actor-NN}:
 * <ul>
 * <li>video: the audio-visual file, else the video-only one (the same footage without sound);</li>
 * <li>audio: the audio-only WAV, else the audio-visual file's own track ({@code from-video});</li>
 * <li>a video-only file with neither a WAV nor an audio-visual file, and a WAV without any video, are skipped.</li>
 * </ul>
 * Speech, song or both are imported ({@link Channel}); the other channel's files are skipped, saying how to get them.
 */
public final class RavdessImporter implements DatasetImporter {
    /** Which vocal channel to import. */
    public enum Channel {
        SPEECH, SONG, BOTH;

        public static Channel parse(String s) {
            for (Channel c : values()) if (c.name().equalsIgnoreCase(s)) return c;
            throw new IllegalArgumentException("--channel must be speech, song or both, got '" + s + "'");
        }

        boolean takes(int code) { return this == BOTH || (this == SPEECH) == (code == RavdessName.SPEECH); }
    }

    private final Channel channel;

    public RavdessImporter(Channel channel) {
        this.channel = channel;
    }

    @Override
    public String name() { return "ravdess"; }

    @Override
    public ImportReport scan(Path dir) throws IOException {
        List<ImportReport.Skipped> skipped = new ArrayList<>();
        Map<String, Path[]> recordings = new TreeMap<>();    // recording -> files by modality 1..3
        Map<Path, RavdessName> names = new HashMap<>();
        for (Path f : MediaFiles.walk(dir)) {
            RavdessName n;
            try {
                n = RavdessName.parse(MediaFiles.stem(f));
            } catch (IllegalArgumentException e) {
                skipped.add(new ImportReport.Skipped(f, e.getMessage()));
                continue;
            }
            String ext = MediaFiles.extension(f);
            if (!ext.equals(n.extension())) {
                skipped.add(new ImportReport.Skipped(f, "modality " + String.format("%02d", n.modality()) + " files are ." + n.extension()
                        + ", not ." + ext));
                continue;
            }
            if (!channel.takes(n.channel())) {
                String other = n.channel() == RavdessName.SONG ? "song" : "speech";
                skipped.add(new ImportReport.Skipped(f, other + " (vocal channel " + String.format("%02d", n.channel()) + "); import with --channel "
                        + other + " or both"));
                continue;
            }
            Optional<String> problem = MediaFiles.problem(f);
            if (problem.isPresent()) {
                skipped.add(new ImportReport.Skipped(f, problem.get()));
                continue;
            }
            Path[] slots = recordings.computeIfAbsent(n.recording(), k -> new Path[4]);
            if (slots[n.modality()] != null) {
                skipped.add(new ImportReport.Skipped(f, "another file has the same name: " + dir.relativize(slots[n.modality()])));
                continue;
            }
            slots[n.modality()] = f;
            names.put(f, n);
        }
        List<ManifestEntry> clips = new ArrayList<>();
        for (var e : recordings.entrySet()) {
            Path av = e.getValue()[RavdessName.AUDIO_VISUAL], vo = e.getValue()[RavdessName.VIDEO_ONLY], ao = e.getValue()[RavdessName.AUDIO_ONLY];
            Path video = av != null ? av : vo;
            if (video == null) {
                skipped.add(new ImportReport.Skipped(ao, "audio-only (03) without a video: no 01 or 02 file of recording " + e.getKey()));
                continue;
            }
            if (ao == null && av == null) {
                skipped.add(new ImportReport.Skipped(vo, "video-only (02) without audio: no 03 WAV and no 01 audio-visual file of recording " + e.getKey()));
                continue;
            }
            if (av != null && vo != null) {
                skipped.add(new ImportReport.Skipped(vo, "video-only (02) copy of an audio-visual (01) file, which is used instead"));
            }
            RavdessName n = names.get(video);
            clips.add(new ManifestEntry(e.getKey(), video, Optional.ofNullable(ao), n.label(), n.subject(), OptionalDouble.empty(),
                    OptionalDouble.empty()));
        }
        return new ImportReport(name() + (channel == Channel.SPEECH ? "" : " (" + channel.name().toLowerCase(Locale.ROOT) + ")"), dir, clips, skipped);
    }
}
