"""Writes librosa-mfcc-reference.txt, the reference MfccLibrosaReferenceTest compares against.

The test signal is a formula, rebuilt identically in the Java test: a 440 Hz tone, a 3 kHz tone
growing in time, a chirp, and a silent tail from 0.45 s that exercises the top_db floor.

    python3 librosa_reference.py   (needs numpy and librosa)
"""
import numpy as np
import librosa

SR, SECONDS, SOUND_UNTIL = 44100, 0.6, 0.45


def signal():
    t = np.arange(int(SECONDS * SR)) / SR
    tones = (0.5 * np.sin(2 * np.pi * 440 * t)
             + 0.25 * t * np.sin(2 * np.pi * 3000 * t + 0.7)
             + 0.05 * np.sin(2 * np.pi * (200 + 4000 * t) * t))
    return np.where(t < SOUND_UNTIL, tones, 0.0).astype(np.float32)


def main():
    mfcc = librosa.feature.mfcc(y=signal(), sr=SR, n_mfcc=13, n_fft=2048, hop_length=512, n_mels=128)
    with open("librosa-mfcc-reference.txt", "w") as out:
        out.write(f"# librosa {librosa.__version__}: feature.mfcc(sr={SR}, n_mfcc=13, n_fft=2048, hop_length=512, n_mels=128)\n")
        out.write(f"# shape {mfcc.shape[0]} {mfcc.shape[1]}; one row per coefficient\n")
        for row in mfcc:
            out.write(" ".join(repr(float(v)) for v in row) + "\n")


if __name__ == "__main__":
    main()
