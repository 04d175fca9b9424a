package cn.anxing.accident.photo;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The photo package's test images, for the API tests in other packages. */
public final class AccidentPhotos {

    private AccidentPhotos() {
    }

    private static final DateTimeFormatter EXIF_TIME =
            DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    /**
     * A JPEG of its own each call (random coloured blocks), taken now as its EXIF says: a photo
     * used in two cases is a reuse signal and one without an EXIF time an evidence gap, both
     * hold settlement, so tests that are not about them never share a photo nor leave the time
     * out.
     */
    public static byte[] jpeg() {
        return takenNow(TestImages.randomScene("jpg"));
    }

    /**
     * {@code jpeg} with an EXIF DateTimeOriginal of now (+08:00, as a phone in China writes it)
     * and no position: the one way the API tests give their photos a time.
     */
    public static byte[] takenNow(byte[] jpeg) {
        return takenNow(jpeg, null, null);
    }

    /** A JPEG of its own taken now at (lat, lon), as its EXIF time and GPS position say. */
    public static byte[] jpegTakenNowAt(double lat, double lon) {
        return takenNow(TestImages.randomScene("jpg"), lat, lon);
    }

    private static byte[] takenNow(byte[] jpeg, Double lat, Double lon) {
        return TestImages.withExif(jpeg, EXIF_TIME.format(OffsetDateTime.now(CHINA)), "+08:00",
                lat, lon);
    }

    public static byte[] png() {
        return TestImages.randomScene("png");
    }

    public static byte[] heic() {
        return TestImages.heic();
    }

    /** A file that must be refused, by its name in {@link PhotoDecodingTest}. */
    public static byte[] refused(String name) {
        return PhotoDecodingTest.sample(name);
    }

    public static byte[] cut(byte[] bytes, int dropAtEnd) {
        return TestImages.cut(bytes, dropAtEnd);
    }
}
