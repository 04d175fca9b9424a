package cn.anxing.accident.photo;

/** The image types a phone produces and the server accepts, found from the bytes themselves. */
public enum PhotoType {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    /** HEIF with HEVC images, as iPhones and many Android phones save photos. */
    HEIC("image/heic", "heic");

    private final String contentType;
    private final String extension;

    PhotoType(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }
}
