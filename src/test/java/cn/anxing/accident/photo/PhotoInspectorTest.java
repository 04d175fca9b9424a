package cn.anxing.accident.photo;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.error.DomainException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhotoInspectorTest {

    private static final PhotoInspector INSPECTOR =
            new PhotoInspector(2_000_000, ZoneId.of("Asia/Shanghai"));

    private static byte[] sample(String name) {
        return switch (name) {
            case "jpeg" -> TestImages.image("jpg");
            case "png" -> TestImages.image("png");
            case "heic" -> TestImages.heic();
            case "avif" -> TestImages.avif();
            case "text renamed .jpg" -> "这不是照片 / not a photo\n".getBytes(StandardCharsets.UTF_8);
            case "gif" -> TestImages.image("gif");
            case "pdf" -> "%PDF-1.7\n%âãÏÓ\n".getBytes(StandardCharsets.ISO_8859_1);
            case "jpeg with trailer" -> concat(TestImages.image("jpg"), "SEFT trailer".getBytes());
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "jpeg,              JPEG",
            "png,               PNG",
            "heic,              HEIC",
            "jpeg with trailer, JPEG",
    })
    @DisplayName("JPEG, PNG and HEIC photos are accepted, their type read from the bytes, and hashed with SHA-256")
    void acceptedTypes(String name, PhotoType type) throws Exception {
        byte[] bytes = sample(name);
        InspectedPhoto p = INSPECTOR.inspect(bytes);
        assertEquals(type, p.type());
        assertEquals(bytes.length, p.sizeBytes());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
                p.sha256());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"text renamed .jpg", "gif", "pdf", "avif"})
    @DisplayName("Anything that is not a JPEG, PNG or HEIC is refused, whatever its name says")
    void otherFilesRefused(String name) {
        DomainException e = assertThrows(DomainException.class,
                () -> INSPECTOR.inspect(sample(name)));
        assertEquals(AccidentError.PHOTO_TYPE_NOT_ALLOWED, e.code());
        assertEquals("photo", e.field());
    }

    @ParameterizedTest(name = "{0} with the last {1} bytes cut off")
    @CsvSource({
            "jpeg, 2",
            "jpeg, 200",
            "png,  12",
            "png,  40",
            "heic, 4",
            "heic, 20",
    })
    @DisplayName("A photo cut off in transfer is refused as truncated")
    void truncatedRefused(String name, int cut) {
        DomainException e = assertThrows(DomainException.class,
                () -> INSPECTOR.inspect(TestImages.cut(sample(name), cut)));
        assertEquals(AccidentError.PHOTO_TRUNCATED, e.code());
    }

    @Test
    @DisplayName("Empty and oversized uploads are refused")
    void sizeLimits() {
        assertEquals("PHOTO_EMPTY", assertThrows(DomainException.class,
                () -> INSPECTOR.inspect(new byte[0])).code().name());
        byte[] jpeg = sample("jpeg");
        PhotoInspector small = new PhotoInspector(jpeg.length - 1, ZoneId.of("Asia/Shanghai"));
        assertEquals("PHOTO_TOO_LARGE", assertThrows(DomainException.class,
                () -> small.inspect(jpeg)).code().name());
    }

    @Test
    @DisplayName("EXIF DateTimeOriginal with its offset and the GPS position are read")
    void exifTimeAndPosition() {
        byte[] jpeg = TestImages.jpegWithExif("2026:11:29 09:30:15", "+08:00", 30.6760, 121.0150);
        InspectedPhoto p = INSPECTOR.inspect(jpeg);
        assertEquals(Instant.parse("2026-11-29T01:30:15Z"), p.takenAt());
        assertFalse(p.takenAtZoneAssumed());
        assertEquals(30.6760, p.position().lat(), 1e-6);
        assertEquals(121.0150, p.position().lon(), 1e-6);
    }

    @Test
    @DisplayName("Without an offset the camera clock is taken as Beijing time, and the photo says so")
    void exifTimeWithoutOffset() {
        InspectedPhoto p = INSPECTOR.inspect(
                TestImages.jpegWithExif("2026:11:29 09:30:15", null, null, null));
        assertEquals(Instant.parse("2026-11-29T01:30:15Z"), p.takenAt());
        assertTrue(p.takenAtZoneAssumed());
        assertNull(p.position());
    }

    @Test
    @DisplayName("Southern and western positions keep their sign")
    void exifPositionSigns() {
        InspectedPhoto p = INSPECTOR.inspect(
                TestImages.jpegWithExif(null, null, -33.8568, -70.6483));
        assertNull(p.takenAt());
        assertEquals(-33.8568, p.position().lat(), 1e-6);
        assertEquals(-70.6483, p.position().lon(), 1e-6);
    }

    @Test
    @DisplayName("A photo without EXIF has no time or position, and different photos have different hashes")
    void noExif() {
        InspectedPhoto jpeg = INSPECTOR.inspect(sample("jpeg"));
        InspectedPhoto png = INSPECTOR.inspect(sample("png"));
        assertNull(jpeg.takenAt());
        assertNull(jpeg.position());
        assertNotEquals(jpeg.sha256(), png.sha256());
    }
}
