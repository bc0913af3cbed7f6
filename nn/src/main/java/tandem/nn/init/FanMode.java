package tandem.nn.init;

/** Which fan scales a Kaiming initialiser: fan-in keeps forward activations' variance, fan-out the gradients'. */
public enum FanMode {
    FAN_IN, FAN_OUT;

    int select(Fans fans) {
        return this == FAN_IN ? fans.fanIn() : fans.fanOut();
    }
}
