package cn.anxing.accident.photo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.OptionalLong;
import javax.imageio.ImageIO;

/**
 * The 64-bit difference hash (dHash) of a photo: the image averaged to 9×8 grey cells, one bit
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
        // each of the 9×8 cells is the mean grey of its block of the original (a box filter),
        // so a resized copy averages to nearly the same grid whatever its size
        int w = image.getWidth();
        int h = image.getHeight();
        int[] row = new int[w];
        double[][] sum = new double[8][9];
        int[][] count = new int[8][9];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            int cy = Math.min(7, y * 8 / h);
            for (int x = 0; x < w; x++) {
                int cx = Math.min(8, x * 9 / w);
                sum[cy][cx] += grey(row[x]);
                count[cy][cx]++;
            }
        }
        long hash = 0;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                hash <<= 1;
                double left = sum[y][x] / Math.max(1, count[y][x]);
                double right = sum[y][x + 1] / Math.max(1, count[y][x + 1]);
                if (left > right) {
                    hash |= 1;
                }
            }
        }
        return hash;
    }

    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    private static int grey(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return (r * 299 + g * 587 + b * 114) / 1000;
    }
}
