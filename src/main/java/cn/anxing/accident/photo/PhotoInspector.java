package cn.anxing.accident.photo;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.error.DomainException;
import cn.anxing.routing.LatLon;
import com.drew.imaging.ImageMetadataReader;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Set;

/**
 * Checks an uploaded photo before it is stored. The declared content type and the file name
 * come from the phone and are not trusted: the type is read from the magic bytes, and a file
 * cut off in transfer (a JPEG without its end marker, a PNG without IEND, an HEIC whose boxes
 * run past the end) is refused rather than stored as evidence nobody can open.
 */
public final class PhotoInspector {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** ISO-BMFF brands of HEIF files holding HEVC images (ISO/IEC 23008-12 Annex B). */
    private static final Set<String> HEIC_BRANDS =
            Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs");
    private static final DateTimeFormatter EXIF_TIME =
            DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    private final int maxBytes;
    private final ZoneId assumedZone;

    /**
     * @param maxBytes    uploads larger than this are refused
     * @param assumedZone the zone of a camera clock when the photo does not say its offset
     */
    public PhotoInspector(int maxBytes, ZoneId assumedZone) {
        this.maxBytes = maxBytes;
        this.assumedZone = assumedZone;
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
        switch (type) {
            case JPEG -> checkJpegComplete(bytes);
            case PNG -> checkPngComplete(bytes);
            case HEIC -> checkBoxesComplete(bytes);
        }
        Metadata metadata = readMetadata(bytes);
        TakenAt taken = takenAt(metadata);
        return new InspectedPhoto(type, sha256(bytes), bytes.length,
                taken == null ? null : taken.instant, taken != null && taken.zoneAssumed,
                position(metadata));
    }

    /** The type from the first bytes, whatever the upload claimed. */
    public static PhotoType detectType(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8
                && (b[2] & 0xff) == 0xff) {
            return PhotoType.JPEG;
        }
        if (startsWith(b, PNG_SIGNATURE)) {
            return PhotoType.PNG;
        }
        if (b.length >= 16 && ascii(b, 4, 4).equals("ftyp")) {
            long boxSize = u32(b, 0);
            int end = (int) Math.min(Math.max(boxSize, 16), b.length);
            if (HEIC_BRANDS.contains(ascii(b, 8, 4))) {
                return PhotoType.HEIC;
            }
            for (int i = 16; i + 4 <= end; i += 4) {
                if (HEIC_BRANDS.contains(ascii(b, i, 4))) {
                    return PhotoType.HEIC;
                }
            }
        }
        throw reject("PHOTO_TYPE_NOT_ALLOWED",
                "the file is not a JPEG, PNG or HEIC photo, whatever its name or declared type");
    }

    /**
     * Walks the JPEG segments to the end-of-image marker. Segment lengths are followed, so an
     * FF D9 inside an embedded EXIF thumbnail does not count; data after EOI (some phones
     * append their own trailer) is allowed.
     */
    private static void checkJpegComplete(byte[] b) {
        int pos = 2;
        while (pos + 1 < b.length) {
            if ((b[pos] & 0xff) != 0xff) {
                throw truncated(PhotoType.JPEG, "a segment marker is missing");
            }
            int marker = b[pos + 1] & 0xff;
            if (marker == 0xff) {
                pos++;
                continue;
            }
            if (marker == 0xd9) {
                return;
            }
            if ((marker >= 0xd0 && marker <= 0xd7) || marker == 0x01) {
                pos += 2;
                continue;
            }
            if (pos + 3 >= b.length) {
                break;
            }
            int length = ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
            pos += 2 + length;
            if (marker == 0xda) {
                // entropy-coded data runs to the next marker that is not a stuffed 00 or RSTn
                while (pos + 1 < b.length && !((b[pos] & 0xff) == 0xff
                        && (b[pos + 1] & 0xff) != 0
                        && !((b[pos + 1] & 0xff) >= 0xd0 && (b[pos + 1] & 0xff) <= 0xd7))) {
                    pos++;
                }
            }
        }
        throw truncated(PhotoType.JPEG, "the end-of-image marker is missing");
    }

    private static void checkPngComplete(byte[] b) {
        int pos = PNG_SIGNATURE.length;
        while (pos + 8 <= b.length) {
            long length = u32(b, pos);
            String chunk = ascii(b, pos + 4, 4);
            long next = pos + 12 + length;
            if (next > b.length) {
                break;
            }
            if (chunk.equals("IEND")) {
                return;
            }
            pos = (int) next;
        }
        throw truncated(PhotoType.PNG, "the IEND chunk is missing");
    }

    /** Every top-level ISO-BMFF box must fit in the file, and a meta box must be there. */
    private static void checkBoxesComplete(byte[] b) {
        long pos = 0;
        boolean meta = false;
        while (pos < b.length) {
            if (pos + 8 > b.length) {
                throw truncated(PhotoType.HEIC, "a box header is cut off");
            }
            long size = u32(b, (int) pos);
            String box = ascii(b, (int) pos + 4, 4);
            if (size == 1) {
                if (pos + 16 > b.length) {
                    throw truncated(PhotoType.HEIC, "a box header is cut off");
                }
                size = (u32(b, (int) pos + 8) << 32) | u32(b, (int) pos + 12);
            } else if (size == 0) {
                size = b.length - pos;
            }
            if (size < 8 || pos + size > b.length) {
                throw truncated(PhotoType.HEIC, "box " + box + " runs past the end of the file");
            }
            meta |= box.equals("meta");
            pos += size;
        }
        if (!meta) {
            throw truncated(PhotoType.HEIC, "the meta box is missing");
        }
    }

    private static Metadata readMetadata(byte[] bytes) {
        try {
            return ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
        } catch (Exception e) {
            // The structure was checked above; unreadable metadata only means no EXIF to use.
            return new Metadata();
        }
    }

    private record TakenAt(Instant instant, boolean zoneAssumed) {
    }

    private TakenAt takenAt(Metadata metadata) {
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        if (exif == null) {
            return null;
        }
        String original = exif.getString(ExifDirectoryBase.TAG_DATETIME_ORIGINAL);
        if (original == null) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.parse(original.trim(), EXIF_TIME);
            String offset = exif.getString(ExifDirectoryBase.TAG_TIME_ZONE_ORIGINAL);
            if (offset != null && !offset.isBlank()) {
                return new TakenAt(local.toInstant(ZoneOffset.of(offset.trim())), false);
            }
            return new TakenAt(local.atZone(assumedZone).toInstant(), true);
        } catch (DateTimeException e) {
            return null; // "0000:00:00 00:00:00" and other camera placeholders
        }
    }

    private static LatLon position(Metadata metadata) {
        GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
        GeoLocation location = gps == null ? null : gps.getGeoLocation();
        if (location == null || location.isZero()) {
            return null;
        }
        double lat = location.getLatitude();
        double lon = location.getLongitude();
        if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
            // as before LatLon: a GPS tag that cannot exist refuses the photo, it is no 500
            throw new DomainException(AccidentError.POSITION_INVALID, "the photo's GPS position "
                    + lat + "," + lon + " cannot exist", "lat");
        }
        return new LatLon(lat, lon);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] b, int offset, int length) {
        return new String(b, offset, length, StandardCharsets.ISO_8859_1);
    }

    private static long u32(byte[] b, int offset) {
        return ((long) (b[offset] & 0xff) << 24) | ((b[offset + 1] & 0xff) << 16)
                | ((b[offset + 2] & 0xff) << 8) | (b[offset + 3] & 0xff);
    }

    private static DomainException truncated(PhotoType type, String what) {
        return reject("PHOTO_TRUNCATED", "the " + type + " photo is incomplete (" + what
                + "); please upload it again");
    }

    private static DomainException reject(String code, String message) {
        return new DomainException(AccidentError.valueOf(code), message, "photo");
    }
}
