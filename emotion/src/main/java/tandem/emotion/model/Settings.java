package tandem.emotion.model;

/**
 * A block or head that states the settings it was built with, every default resolved ("score=plain reduction=16
 * hidden=4"), so that {@code summary} shows what a model spec really built.
 */
public interface Settings {
    /** Space-separated {@code key=value} pairs. */
    String settings();
}
