package tandem.emotion.synth;

/**
 * The face in one frame, in the units {@link FaceRenderer} draws with.
 *
 * @param mouthOpen  lip opening, 0 closed .. 1 wide open
 * @param mouthCurve lip-corner curvature, -1 (down) .. 1 (smile)
 * @param browAngle  inner-brow raise (positive: sad oblique brow, negative: frown)
 * @param browRaise  overall brow height offset, fraction of the eye size
 * @param eyeOpen    eyelid opening, 0 closed .. 1 wide open
 * @param headRoll   head roll in radians (positive: clockwise)
 * @param headDx     horizontal head offset, fraction of the frame
 * @param headDy     vertical head offset, fraction of the frame (positive: down)
 */
public record FaceState(double mouthOpen, double mouthCurve, double browAngle, double browRaise, double eyeOpen,
                        double headRoll, double headDx, double headDy) {}
