package cn.anxing.accident.photo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.anxing.error.DomainException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Photos must decode as images, and may not double as web pages. */
@DisplayName("Photos decoded before they are accepted")
class PhotoDecodingTest {

    private static final PhotoInspector INSPECTOR =
            new PhotoInspector(2_000_000, ZoneId.of("Asia/Shanghai"));
    private static final byte[] HTML = "<html><body><script>alert(document.cookie)</script>"
            .getBytes(StandardCharsets.ISO_8859_1);

    static byte[] sample(String name) {
        byte[] jpeg = TestImages.image("jpg");
        byte[] png = TestImages.image("png");
        return switch (name) {
            case "4-byte JPEG" -> new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xd9};
            case "JPEG of markers only" -> concat(Arrays.copyOf(jpeg, 2), new byte[] {
                (byte) 0xff, (byte) 0xfe, 0, 4, 'h', 'i', (byte) 0xff, (byte) 0xd9});
            case "PNG with a bad CRC" -> badCrc(png);
            case "0x0 PNG" -> png(0, 0);
            case "PNG of eight magic bytes and zeros" -> concat(Arrays.copyOf(png, 8),
                    new byte[64]);
            case "PNG of 100000 x 100000" -> png(100_000, 100_000);
            case "HEIC without dimensions" -> TestImages.heicWithoutDimensions();
            case "0x0 HEIC" -> TestImages.heic(0, 0);
            case "JPEG with HTML in a comment" -> withComment(jpeg, HTML);
            case "JPEG with HTML appended" -> concat(jpeg, HTML);
            case "PNG with a script in a text chunk" -> withTextChunk(png,
                    "Comment\0<script src=//evil.example/x.js></script>");
            case "HEIC with HTML in a box" -> concat(TestImages.heic(), box("free", HTML));
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "4-byte JPEG,                        PHOTO_UNREADABLE",
        "JPEG of markers only,               PHOTO_UNREADABLE",
        "PNG with a bad CRC,                 PHOTO_UNREADABLE",
        "0x0 PNG,                            PHOTO_UNREADABLE",
        "PNG of eight magic bytes and zeros, PHOTO_UNREADABLE",
        "PNG of 100000 x 100000,             PHOTO_DIMENSIONS",
        "HEIC without dimensions,            PHOTO_UNREADABLE",
        "0x0 HEIC,                           PHOTO_UNREADABLE",
        "JPEG with HTML in a comment,        PHOTO_ACTIVE_CONTENT",
        "JPEG with HTML appended,            PHOTO_ACTIVE_CONTENT",
        "PNG with a script in a text chunk,  PHOTO_ACTIVE_CONTENT",
        "HEIC with HTML in a box,            PHOTO_ACTIVE_CONTENT",
    })
    @DisplayName("files that do not decode, are absurdly large or double as HTML are refused,"
            + " naming the photo")
    void refused(String name, String code) {
        var e = assertThrows(DomainException.class, () -> INSPECTOR.inspect(sample(name)));
        assertEquals(code, e.code().name(), e.getMessage());
        assertEquals("photo", e.field());
    }

    @Test
    @DisplayName("the HTML check looks at metadata, not at compressed pixels: big noisy photos"
            + " pass")
    void noisyPhotosPass() {
        for (int seed = 0; seed < 5; seed++) {
            var img = new java.awt.image.BufferedImage(1600, 1200,
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            var random = new java.util.Random(seed);
            for (int y = 0; y < 1200; y++) {
                for (int x = 0; x < 1600; x++) {
                    img.setRGB(x, y, random.nextInt(0xffffff));
                }
            }
            var out = new ByteArrayOutputStream();
            try {
                javax.imageio.ImageIO.write(img, "jpg", out);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            assertEquals(PhotoType.JPEG, INSPECTOR.inspect(out.toByteArray()).type());
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Flips a byte inside the first IDAT chunk's data, leaving its CRC as it was. */
    private static byte[] badCrc(byte[] png) {
        byte[] b = png.clone();
        int pos = 8;
        while (true) {
            int length = ByteBuffer.wrap(b, pos, 4).getInt();
            String type = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (type.equals("IDAT")) {
                b[pos + 8 + length / 2] ^= 0x5a;
                return b;
            }
            pos += 12 + length;
        }
    }

    private static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.putInt(data.length).put(type.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 4, 4 + data.length);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** A PNG whose IHDR says width x height, CRCs right, with one tiny IDAT. */
    private static byte[] png(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        var out = new ByteArrayOutputStream();
        out.writeBytes(Arrays.copyOf(TestImages.image("png"), 8));
        out.writeBytes(chunk("IHDR", ihdr.array()));
        out.writeBytes(chunk("IDAT", new byte[] {0x78, (byte) 0x9c, 3, 0, 0, 0, 0, 1}));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    private static byte[] withTextChunk(byte[] png, String text) {
        var out = new ByteArrayOutputStream();
        out.write(png, 0, 33); // signature and IHDR
        out.writeBytes(chunk("tEXt", text.getBytes(StandardCharsets.ISO_8859_1)));
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    private static byte[] withComment(byte[] jpeg, byte[] comment) {
        var out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xff);
        out.write(0xfe);
        out.write((comment.length + 2) >> 8);
        out.write((comment.length + 2) & 0xff);
        out.writeBytes(comment);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static byte[] box(String type, byte[] content) {
        return ByteBuffer.allocate(8 + content.length).putInt(8 + content.length)
                .put(type.getBytes(StandardCharsets.ISO_8859_1)).put(content).array();
    }
}
