package cn.anxing.accident.photo;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Small real images made in the test: JPEG and PNG by javax.imageio, an EXIF APP1 segment
 * written field by field as the TIFF 6.0 / EXIF 2.32 layout says, and a minimal HEIF box
 * structure.
 */
final class TestImages {

    private TestImages() {
    }

    static byte[] image(String format) {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 64, 48);
        g.setColor(Color.BLUE);
        g.fillOval(10, 10, 30, 20);
        g.dispose();
        return write(img, format);
    }

    /** Random coloured 8×8 blocks: no two calls give images that look alike. */
    static byte[] randomScene(String format) {
        java.util.Random random = new java.util.Random();
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        for (int y = 0; y < 48; y += 6) {
            for (int x = 0; x < 64; x += 8) {
                g.setColor(new Color(random.nextInt(0x1000000)));
                g.fillRect(x, y, 8, 6);
            }
        }
        g.dispose();
        return write(img, format);
    }

    static byte[] write(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A JPEG with an EXIF segment right after SOI; null arguments leave the field out. */
    static byte[] jpegWithExif(String dateTimeOriginal, String offsetTimeOriginal, Double lat,
                               Double lon) {
        return withExif(image("jpg"), dateTimeOriginal, offsetTimeOriginal, lat, lon);
    }

    /** {@code jpeg} with an EXIF segment inserted right after SOI; null arguments leave out. */
    static byte[] withExif(byte[] jpeg, String dateTimeOriginal, String offsetTimeOriginal,
                           Double lat, Double lon) {
        byte[] tiff = tiff(dateTimeOriginal, offsetTimeOriginal, lat, lon);
        ByteBuffer app1 = ByteBuffer.allocate(4 + 6 + tiff.length);
        app1.put((byte) 0xff).put((byte) 0xe1).putShort((short) (2 + 6 + tiff.length));
        app1.put("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1)).put(tiff);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(app1.array());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /**
     * A minimal HEIC: ftyp (heic, compatible mif1 heic), a meta box whose item properties give
     * the image's size (hdlr "pict", iprp/ipco/ispe 64 x 48), an mdat box.
     */
    static byte[] heic() {
        return heic(64, 48);
    }

    static byte[] heic(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(24 + 12 + 33 + 36 + 16);
        b.putInt(24).put(ascii("ftyp")).put(ascii("heic")).putInt(0).put(ascii("mif1"))
                .put(ascii("heic"));
        b.putInt(12 + 33 + 36).put(ascii("meta")).putInt(0);
        b.putInt(33).put(ascii("hdlr")).putInt(0).putInt(0).put(ascii("pict")).putInt(0)
                .putInt(0).putInt(0).put((byte) 0);
        b.putInt(36).put(ascii("iprp")).putInt(28).put(ascii("ipco"))
                .putInt(20).put(ascii("ispe")).putInt(0).putInt(width).putInt(height);
        b.putInt(16).put(ascii("mdat")).putLong(0x0123456789abcdefL);
        return b.array();
    }

    /** The HEIC of {@link #heic()} with an empty meta box: no image described. */
    static byte[] heicWithoutDimensions() {
        ByteBuffer b = ByteBuffer.allocate(24 + 12 + 16);
        b.putInt(24).put(ascii("ftyp")).put(ascii("heic")).putInt(0).put(ascii("mif1"))
                .put(ascii("heic"));
        b.putInt(12).put(ascii("meta")).putInt(0);
        b.putInt(16).put(ascii("mdat")).putLong(0x0123456789abcdefL);
        return b.array();
    }

    /** Like {@link #heic()} but AVIF: an ISO-BMFF image the server does not accept. */
    static byte[] avif() {
        byte[] b = heic();
        System.arraycopy(ascii("avif"), 0, b, 8, 4);
        System.arraycopy(ascii("avif"), 0, b, 20, 4);
        return b;
    }

    static byte[] cut(byte[] b, int dropAtEnd) {
        return Arrays.copyOf(b, b.length - dropAtEnd);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private record Entry(int tag, int type, int count, byte[] value) {
    }

    private static final int ASCII = 2;
    private static final int LONG = 4;
    private static final int RATIONAL = 5;

    private static byte[] tiff(String dateTimeOriginal, String offset, Double lat, Double lon) {
        List<Entry> exif = new ArrayList<>();
        if (dateTimeOriginal != null) {
            exif.add(asciiEntry(0x9003, dateTimeOriginal));
        }
        if (offset != null) {
            exif.add(asciiEntry(0x9011, offset));
        }
        List<Entry> gps = new ArrayList<>();
        if (lat != null) {
            gps.add(asciiEntry(0x0001, lat >= 0 ? "N" : "S"));
            gps.add(new Entry(0x0002, RATIONAL, 3, dms(Math.abs(lat))));
            gps.add(asciiEntry(0x0003, lon >= 0 ? "E" : "W"));
            gps.add(new Entry(0x0004, RATIONAL, 3, dms(Math.abs(lon))));
        }
        int ifd0Size = ifdSize(List.of(new Entry(0, LONG, 1, new byte[4]),
                new Entry(0, LONG, 1, new byte[4])));
        int exifAt = 8 + ifd0Size;
        int gpsAt = exifAt + ifdSize(exif);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{'M', 'M', 0, 42, 0, 0, 0, 8});
        out.writeBytes(ifd(8, List.of(
                new Entry(0x8769, LONG, 1, ByteBuffer.allocate(4).putInt(exifAt).array()),
                new Entry(0x8825, LONG, 1, ByteBuffer.allocate(4).putInt(gpsAt).array()))));
        out.writeBytes(ifd(exifAt, exif));
        out.writeBytes(ifd(gpsAt, gps));
        return out.toByteArray();
    }

    private static Entry asciiEntry(int tag, String text) {
        byte[] v = (text + "\0").getBytes(StandardCharsets.US_ASCII);
        return new Entry(tag, ASCII, v.length, v);
    }

    private static byte[] dms(double decimal) {
        int degrees = (int) decimal;
        double minutesExact = (decimal - degrees) * 60;
        int minutes = (int) minutesExact;
        long secondsE4 = Math.round((minutesExact - minutes) * 60 * 10_000);
        return ByteBuffer.allocate(24).putInt(degrees).putInt(1).putInt(minutes).putInt(1)
                .putInt((int) secondsE4).putInt(10_000).array();
    }

    private static int ifdSize(List<Entry> entries) {
        int data = entries.stream().mapToInt(e -> e.value().length > 4 ? e.value().length : 0).sum();
        return 2 + 12 * entries.size() + 4 + data;
    }

    /** An IFD at {@code start} (offset from the TIFF header), values over 4 bytes after it. */
    private static byte[] ifd(int start, List<Entry> entries) {
        ByteBuffer b = ByteBuffer.allocate(ifdSize(entries));
        int dataAt = start + 2 + 12 * entries.size() + 4;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        b.putShort((short) entries.size());
        for (Entry e : entries) {
            b.putShort((short) e.tag()).putShort((short) e.type()).putInt(e.count());
            if (e.value().length <= 4) {
                b.put(Arrays.copyOf(e.value(), 4));
            } else {
                b.putInt(dataAt + data.size());
                data.writeBytes(e.value());
            }
        }
        b.putInt(0);
        b.put(data.toByteArray());
        return b.array();
    }
}
