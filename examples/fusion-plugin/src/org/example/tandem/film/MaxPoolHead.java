package org.example.tandem.film;

import tandem.autograd.Var;
import tandem.emotion.model.HeadFactory;
import tandem.emotion.model.head.Head;
import tandem.nn.Module;
import tandem.nn.layers.Linear;
import tandem.tensor.Shape;

/**
 * A classifier head as a Tandem plugin: global max pooling over every position of the final feature maps, then a
 * linear layer. Video (B, C, T, H, W) and audio (B, C, L) alike. Child: {@code fc}.
 */
public final class MaxPoolHead extends Module implements Head {
    private final int channels, classes;
    private final Linear fc;

    public MaxPoolHead(int channels, int classes) {
        this.channels = channels;
        this.classes = classes;
        fc = child("fc", new Linear(channels, classes));
    }

    @Override
    public int classes() { return classes; }

    // features: (B, C, *S) -> logits (B, classes)
    @Override
    public Var forward(Var features) {
        if (features.dim() < 3 || features.size(1) != channels) {
            throw new IllegalArgumentException("maxpool head: features must be (B, " + channels + ", ...), got " + Shape.str(features.shape()));
        }
        int[] positions = new int[features.dim() - 2];
        for (int i = 0; i < positions.length; i++) positions[i] = i + 2;
        return fc.forward(features.max(false, positions));
    }

    /** Registered in META-INF/services/tandem.emotion.model.HeadFactory as org.example.tandem.film.MaxPoolHead$Factory. */
    public static final class Factory implements HeadFactory {
        @Override
        public String name() { return "maxpool"; }

        @Override
        public Head create(int[] featureShape, int classes) { return new MaxPoolHead(featureShape[0], classes); }
    }
}
