package cn.anxing.accident;

import cn.anxing.accident.photo.PhotoType;
import cn.anxing.accident.photo.RequiredPhotos;
import cn.anxing.routing.LatLon;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A stored photo's metadata; the bytes are in the photo store under {@code sha256}.
 *
 * @param takenAt  from EXIF, or null
 * @param position from EXIF, or null
 * @param id       null before it is stored
 */
public record CasePhoto(UUID id, RequiredPhotos.Slot slot, String idempotencyKey, String sha256,
        PhotoType type, int sizeBytes, Instant takenAt, LatLon position, List<CaseFlag> flags,
        UUID uploadedBy, Instant uploadedAt) {

    public CasePhoto {
        flags = List.copyOf(flags);
    }
}
