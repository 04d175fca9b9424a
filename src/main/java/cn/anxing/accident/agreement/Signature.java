package cn.anxing.accident.agreement;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** A party's handwritten signature, drawn on the phone and sent as a PNG, and when it was made. */
public record Signature(byte[] png, Instant signedAt) {

    /** The phone's pad is 600 x 240; smaller than this cannot hold a signature. */
    public static final int MIN_WIDTH = 32;
    public static final int MIN_HEIGHT = 16;
    public static final int MAX_WIDTH = 4000;
    public static final int MAX_HEIGHT = 2000;
    /** Ink: pixels that differ from the background, at least this share and this many. */
    static final double MIN_INK_SHARE = 0.002;
    static final int MIN_INK_PIXELS = 20;

    /**
     * Why these bytes cannot be a drawn signature, or empty when they can: they must decode as a
     * PNG of sane dimensions with some ink on it. A signature that does not decode would seal
     * an agreement whose PDF then cannot be made, forever; a blank one signs nothing.
     */
    public static Optional<String> problemWith(byte[] png) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
            if (in == null || !readers.hasNext()) {
                return Optional.of("no PNG decoder");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width < MIN_WIDTH || height < MIN_HEIGHT || width > MAX_WIDTH
                        || height > MAX_HEIGHT) {
                    return Optional.of("签名图片尺寸不合理 / the signature is " + width + " x "
                            + height + " pixels; " + MIN_WIDTH + "-" + MAX_WIDTH + " x "
                            + MIN_HEIGHT + "-" + MAX_HEIGHT + " are accepted");
                }
                BufferedImage image = reader.read(0);
                long ink = inkPixels(image);
                if (ink < MIN_INK_PIXELS || ink < MIN_INK_SHARE * width * height) {
                    return Optional.of("签名是空白的 / the signature is blank: please sign on the"
                            + " pad");
                }
                return Optional.empty();
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.of("签名图片无法解码 / the signature is not a PNG that can be opened");
        }
    }

    /** Pixels unlike the background, which is the most common colour on the image's border. */
    static long inkPixels(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        Map<Integer, Integer> border = new HashMap<>();
        for (int x = 0; x < w; x++) {
            border.merge(normalised(image.getRGB(x, 0)), 1, Integer::sum);
            border.merge(normalised(image.getRGB(x, h - 1)), 1, Integer::sum);
        }
        for (int y = 0; y < h; y++) {
            border.merge(normalised(image.getRGB(0, y)), 1, Integer::sum);
            border.merge(normalised(image.getRGB(w - 1, y)), 1, Integer::sum);
        }
        int background = border.entrySet().stream().max(Map.Entry.comparingByValue())
                .orElseThrow().getKey();
        long ink = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (differs(normalised(image.getRGB(x, y)), background)) {
                    ink++;
                }
            }
        }
        return ink;
    }

    /** Fully transparent pixels all count as one colour, whatever their RGB. */
    private static int normalised(int argb) {
        return (argb >>> 24) < 16 ? 0 : argb;
    }

    private static boolean differs(int argb, int background) {
        int a1 = argb >>> 24;
        int a2 = background >>> 24;
        if (Math.abs(a1 - a2) > 96) {
            return true;
        }
        if (a1 < 16 && a2 < 16) {
            return false;
        }
        int d = Math.abs(((argb >> 16) & 0xff) - ((background >> 16) & 0xff))
                + Math.abs(((argb >> 8) & 0xff) - ((background >> 8) & 0xff))
                + Math.abs((argb & 0xff) - (background & 0xff));
        return d > 96;
    }

    public Signature {
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(signedAt, "signedAt");
        png = png.clone();
    }

    @Override
    public byte[] png() {
        return png.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Signature s && Arrays.equals(png, s.png) && signedAt.equals(s.signedAt);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(png) + signedAt.hashCode();
    }

    @Override
    public String toString() {
        return "Signature[" + png.length + " bytes PNG, signedAt=" + signedAt + "]";
    }
}
