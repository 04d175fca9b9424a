package cn.anxing.accident.photo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Why 14 bits is the reuse distance (ACCIDENT_PHOTO_HASH_DISTANCE, the default): copies of a
 * street photo that were resized (to half, to 1.5 times, to a thumbnail) and recompressed (JPEG
 * quality 0.85 and 0.5) stayed within 12 bits of the original when this was measured; different
 * photos of the same kind of scene (a road, a car on it, sky, houses; the car elsewhere or
 * another colour, the camera moved) were 20 bits or more apart. 14 leaves a margin on both
 * sides; the test measures both again and checks the limit still lies between.
 */
@DisplayName("Perceptual hash: resized and recompressed copies match, other scenes do not")
public class PerceptualHashTest {

    static final int LIMIT = 14;

    @Test
    @DisplayName("resized and recompressed copies stay within the limit; other street scenes"
            + " of the same kind stay above it")
    void limitSeparatesCopiesFromOtherScenes() {
        int worstCopy = 0;
        int closestOther = 64;
        for (int seed = 1; seed <= 10; seed++) {
            BufferedImage original = StreetScene.draw(seed, 1024, 768);
            long hash = PerceptualHash.dHash(jpeg(original, 0.9f)).getAsLong();
            for (double scale : new double[] {0.5, 1.5, 0.15}) {
                for (float quality : new float[] {0.85f, 0.5f}) {
                    BufferedImage resized = resize(original, scale);
                    long copy = PerceptualHash.dHash(jpeg(resized, quality)).getAsLong();
                    worstCopy = Math.max(worstCopy, PerceptualHash.distance(hash, copy));
                }
            }
            for (int other = seed + 1; other <= 10; other++) {
                long o = PerceptualHash.dHash(jpeg(StreetScene.draw(other, 1024, 768), 0.9f))
                        .getAsLong();
                closestOther = Math.min(closestOther, PerceptualHash.distance(hash, o));
            }
        }
        System.out.printf("dHash: worst copy %d bits, closest other scene %d bits, limit %d%n",
                worstCopy, closestOther, LIMIT);
        assertTrue(worstCopy <= LIMIT, "a resized, recompressed copy is " + worstCopy
                + " bits away");
        assertTrue(closestOther > LIMIT, "another scene is only " + closestOther + " bits away");
    }

    /**
     * The ten scenes above are a small sample: over many scenes drawn from the same street
     * template (sky, houses, road, cars), some pairs do fall within the limit. A false match
     * holds the case for the police, who see both photos side by side; it must stay rare.
     */
    @Test
    @DisplayName("over 400 street scenes of the same template, under 1 pair in 100 falls within"
            + " the limit")
    void falseMatchesAreRare() {
        int scenes = 400;
        long[] hashes = new long[scenes];
        for (int i = 0; i < scenes; i++) {
            hashes[i] = PerceptualHash.dHash(StreetScene.draw(1000 + i, 512, 384));
        }
        long pairs = 0;
        long within = 0;
        for (int i = 0; i < scenes; i++) {
            for (int j = i + 1; j < scenes; j++) {
                pairs++;
                if (PerceptualHash.distance(hashes[i], hashes[j]) <= LIMIT) {
                    within++;
                }
            }
        }
        double rate = (double) within / pairs;
        System.out.printf("dHash: %d of %d pairs of different scenes within %d bits (%.3f %%)%n",
                within, pairs, LIMIT, rate * 100);
        assertTrue(rate < 0.01, within + " of " + pairs + " pairs within the limit");
    }

    @Test
    @DisplayName("an exact copy has distance 0; HEIC or broken bytes have no hash")
    void exactCopyAndUndecodable() {
        byte[] photo = jpeg(StreetScene.draw(3, 800, 600), 0.8f);
        assertEquals(0, PerceptualHash.distance(PerceptualHash.dHash(photo).getAsLong(),
                PerceptualHash.dHash(photo.clone()).getAsLong()));
        assertTrue(PerceptualHash.dHash(TestImages.heic()).isEmpty());
        assertTrue(PerceptualHash.dHash(new byte[] {1, 2, 3}).isEmpty());
    }

    public static BufferedImage resize(BufferedImage source, double scale) {
        int w = (int) Math.round(source.getWidth() * scale);
        int h = (int) Math.round(source.getHeight() * scale);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(source, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    public static byte[] jpeg(BufferedImage image, float quality) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (var stream = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            writer.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BufferedImage read(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A street photo as a phone would take it at a scrape: sky, houses, the road with its lane
     * marks, a car with windows and wheels, some noise. The seed moves the camera, the car and
     * the houses and picks the colours.
     */
    public static final class StreetScene {

        private StreetScene() {
        }

        public static BufferedImage draw(int seed, int w, int h) {
            Random r = new Random(seed * 7919L);
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int horizon = (int) (h * (0.35 + r.nextDouble() * 0.2));
            g.setPaint(new GradientPaint(0, 0, new Color(120 + r.nextInt(60), 160
                    + r.nextInt(50), 220), 0, horizon, new Color(200, 215, 235)));
            g.fillRect(0, 0, w, horizon);
            List<int[]> houses = new ArrayList<>();
            for (int x = -r.nextInt(200); x < w; x += 120 + r.nextInt(220)) {
                int hw = 100 + r.nextInt(200);
                int hh = 80 + r.nextInt(horizon - 60);
                houses.add(new int[] {x, hw, hh});
            }
            for (int[] house : houses) {
                g.setColor(new Color(150 + r.nextInt(100), 130 + r.nextInt(100),
                        110 + r.nextInt(100)));
                g.fillRect(house[0], horizon - house[2], house[1], house[2]);
                g.setColor(new Color(60, 70, 90));
                for (int wy = horizon - house[2] + 15; wy < horizon - 30; wy += 40) {
                    for (int wx = house[0] + 12; wx < house[0] + house[1] - 25; wx += 35) {
                        g.fillRect(wx, wy, 18, 22);
                    }
                }
            }
            g.setColor(new Color(85 + r.nextInt(30), 85 + r.nextInt(30), 90 + r.nextInt(30)));
            g.fillRect(0, horizon, w, h - horizon);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(8 + r.nextInt(8)));
            int vanish = w / 4 + r.nextInt(w / 2);
            for (int lane = -2; lane <= 2; lane++) {
                g.drawLine(vanish, horizon, w / 2 + lane * w / 3, h);
            }
            int carW = w / 3 + r.nextInt(w / 4);
            int carH = carW / 2;
            int carX = r.nextInt(w - carW);
            int carY = horizon + r.nextInt(Math.max(1, h - horizon - carH - 20));
            g.setColor(Color.getHSBColor(r.nextFloat(), 0.6f + r.nextFloat() * 0.4f,
                    0.4f + r.nextFloat() * 0.6f));
            g.fillRoundRect(carX, carY + carH / 3, carW, carH * 2 / 3, 40, 40);
            g.fillRoundRect(carX + carW / 5, carY, carW * 3 / 5, carH / 2, 40, 40);
            g.setColor(new Color(40, 60, 80));
            g.fillRect(carX + carW / 4, carY + 10, carW / 4 - 8, carH / 3 - 10);
            g.fillRect(carX + carW / 2 + 4, carY + 10, carW / 4 - 8, carH / 3 - 10);
            g.setColor(Color.BLACK);
            g.fillOval(carX + carW / 8, carY + carH * 3 / 4, carW / 6, carW / 6);
            g.fillOval(carX + carW * 5 / 7, carY + carH * 3 / 4, carW / 6, carW / 6);
            g.dispose();
            for (int i = 0; i < w * h / 50; i++) {
                int x = r.nextInt(w);
                int y = r.nextInt(h);
                int rgb = img.getRGB(x, y);
                int d = r.nextInt(41) - 20;
                int red = clamp(((rgb >> 16) & 0xff) + d);
                int green = clamp(((rgb >> 8) & 0xff) + d);
                int blue = clamp((rgb & 0xff) + d);
                img.setRGB(x, y, (red << 16) | (green << 8) | blue);
            }
            return img;
        }

        private static int clamp(int v) {
            return Math.max(0, Math.min(255, v));
        }
    }
}
