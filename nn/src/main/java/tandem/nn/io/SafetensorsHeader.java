package tandem.nn.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated safetensors header: the tensors in data order (ascending offsets), the free-form string metadata,
 * and the header length {@code N} (the data buffer starts at byte {@code 8 + N}).
 */
public record SafetensorsHeader(List<TensorEntry> entries, Map<String, String> metadata, long headerLength) {
    public SafetensorsHeader {
        entries = List.copyOf(entries);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** File offset of the first data byte. */
    public long dataStart() { return 8 + headerLength; }

    /** Total size of the data buffer in bytes. */
    public long dataLength() { return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).end(); }

    public Optional<TensorEntry> entry(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
