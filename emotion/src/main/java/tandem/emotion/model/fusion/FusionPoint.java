package tandem.emotion.model.fusion;

/**
 * Where a fusion block can sit. The two points MSAF uses: MID is after video stage 3 and audio conv2 (+ReLU, before
 * max-pool); LATE is after video stage 4 (before average pooling) and audio conv3 (+ReLU+BN).
 */
public enum FusionPoint {
    MID, LATE
}
