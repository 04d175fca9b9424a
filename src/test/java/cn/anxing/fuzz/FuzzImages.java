package cn.anxing.fuzz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

/** Images good and bad for the upload and signature families. */
final class FuzzImages {

    private FuzzImages() {
    }

    /** A photo as a phone would send: 640 x 480, some structure so it compresses like one. */
    static byte[] photo(String format) {
        var image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(120, 130, 140));
        g.fillRect(0, 0, 640, 480);
        g.setColor(new Color(200, 40, 30));
        g.fillRect(100, 200, 300, 120);
        g.dispose();
        return write(image, format);
    }

    /** A signature: a stroke of ink on white, 600 x 200. */
    static byte[] signature() {
        var image = new BufferedImage(600, 200, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 600, 200);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(6));
        g.drawLine(40, 150, 200, 40);
        g.drawLine(200, 40, 380, 160);
        g.drawLine(380, 160, 560, 50);
        g.dispose();
        return write(image, "png");
    }

    /** Files that claim to be images and are not, or are more than images. */
    static List<Named> badPhotos() {
        byte[] jpeg = photo("jpeg");
        byte[] png = photo("png");
        byte[] badCrc = png.clone();
        badCrc[29] ^= 0x5A; // inside the IHDR chunk: its CRC no longer matches
        byte[] polyglotTail = concat(jpeg, ("<html><body><script>alert(document.cookie)"
                + "</script></body></html>").getBytes(StandardCharsets.US_ASCII));
        byte[] htmlFirst = concat("<html><script>alert(1)</script>".getBytes(
                StandardCharsets.US_ASCII), jpeg);
        return List.of(
                new Named("4-byte JPEG", "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8,
                        (byte) 0xFF, (byte) 0xE0}),
                new Named("truncated JPEG", "image/jpeg", Arrays.copyOf(jpeg, jpeg.length / 3)),
                new Named("PNG with a bad CRC", "image/png", badCrc),
                new Named("0x0 PNG", "image/png", zeroByZeroPng()),
                new Named("truncated PNG", "image/png", Arrays.copyOf(png, png.length / 2)),
                new Named("JPEG + HTML polyglot", "image/jpeg", polyglotTail),
                new Named("HTML then JPEG", "image/jpeg", htmlFirst),
                new Named("HTML as JPEG", "image/jpeg",
                        "<!doctype html><p>hi".getBytes(StandardCharsets.US_ASCII)),
                new Named("PNG sent as JPEG", "image/jpeg", png),
                new Named("empty", "image/jpeg", new byte[0]),
                new Named("random bytes", "image/png", random(2048)),
                new Named("SVG", "image/svg+xml", "<svg xmlns='http://www.w3.org/2000/svg'>"
                        .getBytes(StandardCharsets.US_ASCII)),
                new Named("JPEG as text/html", "text/html", jpeg),
                new Named("JPEG as JSON", "application/json", jpeg),
                new Named("HEIC header only", "image/heic", heicHeaderOnly()));
    }

    /** Signatures that must not seal an agreement. */
    static List<Named> badSignatures() {
        byte[] magicAndZeros = new byte[64];
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(magic, 0, magicAndZeros, 0, magic.length);
        var blank = new BufferedImage(600, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = blank.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 600, 200);
        g.dispose();
        return List.of(
                new Named("eight magic bytes and zeros", "png", magicAndZeros),
                new Named("blank white PNG", "png", write(blank, "png")),
                new Named("1x1 PNG", "png", write(new BufferedImage(1, 1,
                        BufferedImage.TYPE_INT_RGB), "png")),
                new Named("JPEG", "jpeg", photo("jpeg")),
                new Named("0x0 PNG", "png", zeroByZeroPng()),
                new Named("truncated PNG", "png", Arrays.copyOf(signature(), 40)));
    }

    record Named(String name, String contentType, byte[] bytes) {
    }

    private static byte[] zeroByZeroPng() {
        byte[] png = write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png");
        // width and height are the first 8 bytes of IHDR's data (offset 16); the CRC is then
        // fixed so that only the dimensions are wrong
        for (int i = 16; i < 24; i++) {
            png[i] = 0;
        }
        var crc = new java.util.zip.CRC32();
        crc.update(png, 12, 17);
        long value = crc.getValue();
        png[29] = (byte) (value >>> 24);
        png[30] = (byte) (value >>> 16);
        png[31] = (byte) (value >>> 8);
        png[32] = (byte) value;
        return png;
    }

    private static byte[] heicHeaderOnly() {
        byte[] ftyp = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0,
            'm', 'i', 'f', '1', 'h', 'e', 'i', 'c'};
        return ftyp;
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new java.util.Random(n).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] write(BufferedImage image, String format) {
        try (var out = new ByteArrayOutputStream()) {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
