package dev.ponte.testsupport;

import javafx.scene.Node;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** A node's snapshot as ARGB pixels, row by row: for comparing what two controls draw. Call on the FX thread. */
public final class Pixels {
    private Pixels() {
    }

    public static int[] of(Node n) {
        WritableImage img = n.snapshot(null, null);
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] px = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), px, 0, w);
        return px;
    }
}
