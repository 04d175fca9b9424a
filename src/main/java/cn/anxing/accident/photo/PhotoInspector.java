package cn.anxing.accident.photo;

import cn.anxing.error.DomainException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Checks an uploaded photo before it is stored. The declared content type and the file name
 * come from the phone and are not trusted: the type is read from the magic bytes, and a file
 * cut off in transfer (a JPEG without its end marker, a PNG without IEND, an HEIC whose boxes
 * run past the end) is refused rather than stored as evidence nobody can open.
 *
 * <p>A JPEG or PNG is then decoded in full (a PNG's chunk CRCs checked too, which Java's reader
 * skips), with its dimensions read from the header first so that a decompression bomb is
 * refused before any pixel is allocated, and decoded subsampled so a 50-megapixel photo costs
 * a few megabytes. An HEIC, which Java cannot decode, must have the structure of an image: a
 * {@code meta} box with its {@code ispe} dimensions. Files that carry HTML or script outside
 * their compressed image data (a JPEG comment, a PNG text chunk, bytes after the end) are
 * refused rather than re-encoded: photos are evidence and are kept byte for byte, and such a
 * polyglot has no reason to exist; the photos are also served with {@code nosniff} and a
 * sandboxing CSP in case one slips through.
 *
 * <p>The container walks are {@link PhotoStructure}'s, the EXIF time and position
 * {@link PhotoMetadata}'s; this class runs them in order, decodes the pixels and hashes the
 * bytes.
 */
public final class PhotoInspector {

    /** Decoding target: every byte is decoded, but only about this many pixels are kept. */
    private static final long DECODED_PIXELS = 2_000_000L;

    static {
        ImageIO.setUseCache(false); // decode in memory: no temporary files per upload
    }

    private final int maxBytes;
    private final PhotoMetadata metadata;

    /**
     * @param maxBytes    uploads larger than this are refused
     * @param assumedZone the zone of a camera clock when the photo does not say its offset
     */
    public PhotoInspector(int maxBytes, ZoneId assumedZone) {
        this.maxBytes = maxBytes;
        this.metadata = new PhotoMetadata(assumedZone);
    }

    /**
     * As {@link #inspect(byte[])}, and the file must be what the upload declared: a PNG sent as
     * image/jpeg is refused (415), since whoever serves or forwards it trusts the declared type.
     */
    public InspectedPhoto inspect(byte[] bytes, String declaredContentType) {
        InspectedPhoto inspected = inspect(bytes);
        String declared = declaredContentType == null ? ""
                : declaredContentType.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (!inspected.type().contentType().equals(declared)) {
            throw reject("PHOTO_TYPE_NOT_ALLOWED", "照片类型与声明不符 / the file is a "
                    + inspected.type().contentType() + " but was sent as " + declared);
        }
        return inspected;
    }

    public InspectedPhoto inspect(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw reject("PHOTO_EMPTY", "the photo is empty");
        }
        if (bytes.length > maxBytes) {
            throw reject("PHOTO_TOO_LARGE", "the photo has " + bytes.length
                    + " bytes; at most " + maxBytes + " are accepted");
        }
        PhotoType type = detectType(bytes);
        PhotoStructure.refuseActiveContent(bytes, PhotoStructure.checkComplete(bytes, type));
        if (type != PhotoType.HEIC) {
            decode(bytes, type);
        }
        PhotoMetadata.Exif exif = metadata.read(bytes);
        return new InspectedPhoto(type, sha256(bytes), bytes.length, exif.takenAt(),
                exif.zoneAssumed(), exif.position());
    }

    /** The type from the first bytes, whatever the upload claimed. */
    public static PhotoType detectType(byte[] bytes) {
        return PhotoStructure.detectType(bytes);
    }

    /**
     * Decodes every byte of the image: dimensions from the header first (refused before any
     * allocation when absurd), then the pixels, subsampled to about two megapixels.
     */
    private static void decode(byte[] bytes, PhotoType type) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw PhotoStructure.unreadable("no decoder recognises the " + type + " data");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                PhotoStructure.checkDimensions(width, height);
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.max(1, Math.ceil(Math.sqrt((double) width * height
                        / DECODED_PIXELS)));
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage image = reader.read(0, param);
                if (image == null || image.getWidth() <= 0 || image.getHeight() <= 0) {
                    throw PhotoStructure.unreadable("the " + type + " data decodes to no image");
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DomainException known) {
                throw known;
            }
            throw PhotoStructure.unreadable("the " + type + " data cannot be decoded (" + e.getClass()
                    .getSimpleName() + ")");
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DomainException reject(String code, String message) {
        return PhotoStructure.reject(code, message);
    }
}
