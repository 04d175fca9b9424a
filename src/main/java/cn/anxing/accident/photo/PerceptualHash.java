package cn.anxing.accident.photo;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.OptionalLong;
import javax.imageio.ImageIO;

/**
 * The 64-bit difference hash (dHash) of a photo: the image shrunk to 9×8 grey pixels, one bit
 * per pair of horizontal neighbours (is the left one brighter). Resizing, recompressing and small
 * colour shifts keep most bits; another scene changes about half of them. Two hashes are compared
 * by their Hamming distance (the bits that differ).
 *
 * <p>Blocking (image decoding): call it from a worker thread.
 */
public final class PerceptualHash {

    private PerceptualHash() {
    }

    /** The hash, or empty when the image cannot be decoded here (HEIC, a broken file). */
    public static OptionalLong dHash(byte[] bytes) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        if (image == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(dHash(image));
    }

    public static long dHash(BufferedImage image) {
        // shrink in steps (bilinear halving, then area-like) so the 9×8 grid averages the image
        BufferedImage current = image;
        while (current.getWidth() > 72 || current.getHeight() > 64) {
            current = scaled(current, Math.max(9, current.getWidth() / 2),
                    Math.max(8, current.getHeight() / 2));
        }
        BufferedImage small = scaled(current, 9, 8);
        long hash = 0;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                hash <<= 1;
                if (grey(small.getRGB(x, y)) > grey(small.getRGB(x + 1, y))) {
                    hash |= 1;
                }
            }
        }
        return hash;
    }

    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    private static BufferedImage scaled(BufferedImage source, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    private static int grey(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return (r * 299 + g * 587 + b * 114) / 1000;
    }
}
