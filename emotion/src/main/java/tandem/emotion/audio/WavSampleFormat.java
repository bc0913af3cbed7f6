package tandem.emotion.audio;

/** Sample encodings Tandem reads and writes in WAV files. */
public enum WavSampleFormat {
    /** 8-bit PCM; WAV stores 8-bit samples unsigned, centred on 128. */
    PCM_U8(8, false),
    PCM_16(16, false),
    PCM_24(24, false),
    PCM_32(32, false),
    FLOAT_32(32, true);

    /** WAVE_FORMAT_PCM and WAVE_FORMAT_IEEE_FLOAT, the format tags of the fmt chunk. */
    static final int TAG_PCM = 1;
    static final int TAG_IEEE_FLOAT = 3;

    private final int bitsPerSample;
    private final boolean floatingPoint;

    WavSampleFormat(int bitsPerSample, boolean floatingPoint) {
        this.bitsPerSample = bitsPerSample;
        this.floatingPoint = floatingPoint;
    }

    public int bitsPerSample() { return bitsPerSample; }

    public int bytesPerSample() { return bitsPerSample / 8; }

    public boolean isFloatingPoint() { return floatingPoint; }

    int formatTag() { return floatingPoint ? TAG_IEEE_FLOAT : TAG_PCM; }
}
