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
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What a photo's EXIF says of when and where it was taken: the original time (in the camera's
 * offset when it gives one, else the assumed zone) and the GPS position.
 */
final class PhotoMetadata {

    private static final DateTimeFormatter EXIF_TIME =
            DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    /** When and where; each null when the photo does not say. */
    record Exif(Instant takenAt, boolean zoneAssumed, LatLon position) {
    }

    private final ZoneId assumedZone;

    PhotoMetadata(ZoneId assumedZone) {
        this.assumedZone = assumedZone;
    }

    Exif read(byte[] bytes) {
        Metadata metadata = readMetadata(bytes);
        TakenAt taken = takenAt(metadata);
        return new Exif(taken == null ? null : taken.instant, taken != null && taken.zoneAssumed,
                position(metadata));
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

}
