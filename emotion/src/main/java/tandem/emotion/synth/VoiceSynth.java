package tandem.emotion.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * A voiced, speech-like signal: a Rosenberg glottal pulse train (with aspiration noise) through a
 * cascade of three formant resonators that glide between vowels, shaped by a syllable envelope, with
 * short noise bursts for consonant onsets. Pitch, pitch accents, loudness, breathiness and syllable
 * rate come from the class {@link EmotionStyle} and the {@link Subject}. It is not intelligible speech;
 * it has the rhythm, pitch contour and spectral shape MFCCs and a 1-D CNN respond to.
 */
public final class VoiceSynth {
    public static final int DEFAULT_SAMPLE_RATE = 16_000;

    /** Formants F1..F3 in Hz of five vowels for an adult tract; subjects scale them up. */
    private static final double[][] VOWELS = {
        {730, 1090, 2440}, {530, 1840, 2480}, {270, 2290, 3010}, {570, 840, 2410}, {300, 870, 2240},
    };
    private static final double[] BANDWIDTHS = {80, 100, 150};
    /** RMS of the voiced part for a voice of energy 1; leaves headroom for the speech crest factor. */
    private static final double LOUD_RMS = 0.12;
    private static final int RETUNE_EVERY = 32;

    private final int sampleRate;

    public VoiceSynth() {
        this(DEFAULT_SAMPLE_RATE);
    }

    public VoiceSynth(int sampleRate) {
        if (sampleRate < 8000) throw new IllegalArgumentException("VoiceSynth: sample rate " + sampleRate + " Hz is below 8000");
        this.sampleRate = sampleRate;
    }

    public int sampleRate() { return sampleRate; }

    private record Syllable(double start, double voiced, double stress, int vowel, double accent, double phrasePos,
                            boolean consonant) {}

    /**
     * Synthesises {@code seconds} of voice.
     *
     * @param noiseLevel background noise, 0 = clean, 1 = noisy room (about 15 dB SNR)
     */
    public VoiceTrack synthesize(Subject subject, EmotionStyle style, double seconds, long seed, double noiseLevel) {
        return synthesize(subject, style, seconds, seed, noiseLevel, 0);
    }

    /**
     * As {@link #synthesize(Subject, EmotionStyle, double, long, double)}, with speech running {@code leadSeconds}
     * before and after the returned samples: the track's envelope covers that span too, so a face can follow the
     * voice across the clip's edges.
     */
    public VoiceTrack synthesize(Subject subject, EmotionStyle style, double seconds, long seed, double noiseLevel,
                                 double leadSeconds) {
        int kept = (int) Math.round(seconds * sampleRate);
        int skip = (int) Math.round(leadSeconds * sampleRate);
        double span = seconds + 2 * leadSeconds;
        int n = kept + 2 * skip;
        SynthRandom rng = new SynthRandom(seed);
        List<Syllable> syllables = planSyllables(subject, style, span, rng);
        float[] envelope = new float[n];
        float[] f0 = new float[n];
        double[] voiced = new double[n];
        double[] bursts = new double[n];
        renderEnvelope(syllables, envelope);
        renderPitch(subject, style, syllables, envelope, f0, rng);
        renderVoiced(subject, style, syllables, f0, envelope, voiced, rng);
        renderBursts(syllables, bursts, rng);

        double rms = voicedRms(voiced, envelope);
        double gain = rms > 0 ? LOUD_RMS * style.energy() / rms : 0;
        double noiseSigma = noiseLevel * LOUD_RMS * rng.uniform(0.05, 0.18);
        float[] out = new float[kept];
        for (int i = 0; i < n; i++) {
            double s = gain * voiced[i] + LOUD_RMS * style.energy() * bursts[i] + noiseSigma * rng.gaussian();
            if (i >= skip && i < skip + kept) out[i - skip] = (float) Math.max(-1, Math.min(1, s));
        }
        return new VoiceTrack(out, sampleRate, envelope, f0, leadSeconds);
    }

    private static List<Syllable> planSyllables(Subject subject, EmotionStyle style, double seconds, SynthRandom rng) {
        List<Syllable> out = new ArrayList<>();
        double rate = subject.speechRate() * style.tempo();
        double t = rng.uniform(0.1, 0.3);
        int phraseLength = 3 + rng.nextInt(4);
        int inPhrase = 0;
        while (t < seconds - 0.2) {
            if (inPhrase == phraseLength) {
                t += rng.uniform(0.15, 0.35) / style.tempo(); // a breath between phrases
                phraseLength = 3 + rng.nextInt(4);
                inPhrase = 0;
                continue;
            }
            double duration = rng.uniform(0.75, 1.25) / rate;
            double voiced = Math.min(duration * rng.uniform(0.6, 0.8), seconds - t - 0.05);
            double accent = Math.max(-1, Math.min(1, 0.6 * rng.gaussian()));
            out.add(new Syllable(t, voiced, rng.uniform(0.55, 1.0), rng.nextInt(VOWELS.length), accent,
                    (double) inPhrase / Math.max(1, phraseLength - 1), rng.chance(0.5)));
            inPhrase++;
            t += duration;
        }
        return out;
    }

    /** Raised-cosine attack and release around a sustained syllable nucleus, scaled by stress. */
    private void renderEnvelope(List<Syllable> syllables, float[] envelope) {
        for (Syllable s : syllables) {
            int from = (int) (s.start * sampleRate);
            int len = (int) (s.voiced * sampleRate);
            int attack = Math.max(1, (int) (0.25 * len));
            int release = Math.max(1, (int) (0.35 * len));
            for (int k = 0; k < len && from + k < envelope.length; k++) {
                double shape = 1;
                if (k < attack) shape = 0.5 - 0.5 * Math.cos(Math.PI * k / attack);
                else if (k >= len - release) shape = 0.5 - 0.5 * Math.cos(Math.PI * (len - k) / release);
                envelope[from + k] = (float) Math.max(envelope[from + k], s.stress * shape);
            }
        }
    }

    /** Per-syllable pitch accents plus a drift over each phrase, smoothed so the contour glides. */
    private void renderPitch(Subject subject, EmotionStyle style, List<Syllable> syllables, float[] envelope, float[] f0,
                             SynthRandom rng) {
        double base = subject.basePitchHz() * style.pitchFactor();
        double smoothing = 1 - Math.exp(-1.0 / (0.04 * sampleRate));
        double semis = 0;
        int next = 0;
        double target = 0;
        for (int i = 0; i < f0.length; i++) {
            while (next < syllables.size() && syllables.get(next).start * sampleRate <= i) {
                Syllable s = syllables.get(next++);
                target = style.pitchRangeSemitones() * s.accent * s.stress + style.pitchSlopeSemitones() * s.phrasePos;
            }
            semis += smoothing * (target - semis);
            double jitter = 1 + 0.004 * rng.gaussian();
            f0[i] = envelope[i] > 0 ? (float) (base * Math.pow(2, semis / 12) * jitter) : 0f;
        }
    }

    private void renderVoiced(Subject subject, EmotionStyle style, List<Syllable> syllables, float[] f0, float[] envelope,
                              double[] out, SynthRandom rng) {
        FormantResonator[] tract = new FormantResonator[3];
        for (int k = 0; k < 3; k++) tract[k] = new FormantResonator(sampleRate);
        double[] formants = VOWELS[syllables.isEmpty() ? 0 : syllables.get(0).vowel].clone();
        double glide = 1 - Math.exp(-1.0 / (0.03 * sampleRate));
        double phase = 0;
        double previousPulse = 0;
        int next = 0;
        int vowel = syllables.isEmpty() ? 0 : syllables.get(0).vowel;
        for (int i = 0; i < out.length; i++) {
            while (next < syllables.size() && syllables.get(next).start * sampleRate <= i) vowel = syllables.get(next++).vowel;
            for (int k = 0; k < 3; k++) formants[k] += glide * (VOWELS[vowel][k] - formants[k]);
            if (i % RETUNE_EVERY == 0) {
                for (int k = 0; k < 3; k++) {
                    tract[k].tune(formants[k] * subject.formantScale(), BANDWIDTHS[k] * subject.formantScale());
                }
            }
            double pulse = 0;
            if (f0[i] > 0) {
                phase += f0[i] / sampleRate;
                phase -= Math.floor(phase);
                pulse = rosenberg(phase);
            }
            // Lip radiation differentiates the glottal flow.
            double source = (pulse - previousPulse) * (1 - style.breathiness()) + 0.02 * style.breathiness() * rng.gaussian();
            previousPulse = pulse;
            double y = source;
            for (FormantResonator r : tract) y = r.process(y);
            out[i] = y * envelope[i];
        }
    }

    /** Rosenberg glottal flow over one period: opening 40 %, closing 16 %, closed the rest. */
    private static double rosenberg(double phase) {
        final double open = 0.40;
        final double close = 0.16;
        if (phase < open) return 0.5 - 0.5 * Math.cos(Math.PI * phase / open);
        if (phase < open + close) return Math.cos(0.5 * Math.PI * (phase - open) / close);
        return 0;
    }

    /** Short high-passed noise bursts before some syllables, like plosives and fricatives. */
    private void renderBursts(List<Syllable> syllables, double[] out, SynthRandom rng) {
        for (Syllable s : syllables) {
            if (!s.consonant) continue;
            int len = (int) (rng.uniform(0.03, 0.06) * sampleRate);
            int from = Math.max(0, (int) (s.start * sampleRate) - len / 2);
            double previous = 0;
            for (int k = 0; k < len && from + k < out.length; k++) {
                double white = rng.gaussian();
                double shape = Math.sin(Math.PI * k / len);
                out[from + k] += 0.4 * s.stress * shape * (white - previous);
                previous = white;
            }
        }
    }

    private static double voicedRms(double[] voiced, float[] envelope) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < voiced.length; i++) {
            if (envelope[i] > 0.1) {
                sum += voiced[i] * voiced[i];
                count++;
            }
        }
        return count == 0 ? 0 : Math.sqrt(sum / count);
    }
}
