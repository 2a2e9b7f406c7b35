package dev.ponte.ui.tray;

import dev.ponte.core.status.AppStatus;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The per-state tray images, from the PNGs {@code icons/generate} renders from {@code icons/tray-<state>.svg} into
 * {@code /dev/ponte/icons/tray-<state>-<16|32>.png}. The hosts ask for other sizes too (trayer and most Linux panels
 * 22–24 px, Windows at 125 % 20 px), so the nearest larger PNG is scaled to exactly the size asked for: a sharp
 * downscale, where AWT's own auto-size would scale a 16 px image up and blur it.
 */
public final class TrayIcons {
    static final int[] SIZES = {16, 32};

    private TrayIcons() {
    }

    static String resource(AppStatus.Overall state, int size) {
        return "/dev/ponte/icons/tray-" + state.name().toLowerCase(Locale.ROOT) + "-" + size + ".png";
    }

    public static BufferedImage image(AppStatus.Overall state, Dimension wanted) {
        int side = Math.max(1, Math.min(wanted.width, wanted.height));
        int pick = SIZES[SIZES.length - 1];
        for (int s : SIZES) {
            if (s >= side) {
                pick = s;
                break;
            }
        }
        BufferedImage source = load(resource(state, pick));
        if (source.getWidth() == side) {
            return source;
        }
        BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, side, side, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static BufferedImage load(String resource) {
        try (InputStream in = TrayIcons.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Tray icon " + resource + " is missing from the build; run icons/generate");
            }
            return ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Tray icon " + resource + " could not be read", e);
        }
    }
}
