package cn.anxing.accident.photo;

/** The photo package's test images, for the API tests in other packages. */
public final class AccidentPhotos {

    private AccidentPhotos() {
    }

    /**
     * A JPEG of its own each call (random coloured blocks): a photo used in two cases is a
     * reuse signal that holds settlement, so tests that are not about reuse never share one.
     */
    public static byte[] jpeg() {
        return TestImages.randomScene("jpg");
    }

    public static byte[] png() {
        return TestImages.randomScene("png");
    }

    public static byte[] heic() {
        return TestImages.heic();
    }

    public static byte[] jpegTakenAt(String dateTimeOriginal, Double lat, Double lon) {
        return TestImages.jpegWithExif(dateTimeOriginal, "+08:00", lat, lon);
    }

    /** A file that must be refused, by its name in {@link PhotoDecodingTest}. */
    public static byte[] refused(String name) {
        return PhotoDecodingTest.sample(name);
    }

    public static byte[] cut(byte[] bytes, int dropAtEnd) {
        return TestImages.cut(bytes, dropAtEnd);
    }
}
