package cn.anxing.accident.photo;

import cn.anxing.routing.LatLon;

import java.time.Instant;

/**
 * What the server knows about an uploaded photo after {@link PhotoInspector} accepted it.
 *
 * @param sha256            lower-case hex of the content; the photo is stored under this name,
 *                          so the same photo uploaded twice is stored once
 * @param takenAt           EXIF DateTimeOriginal, or null when the photo has none
 * @param takenAtZoneAssumed the photo gave no OffsetTimeOriginal and {@code takenAt} assumes
 *                          the configured zone (Asia/Shanghai for phones in China)
 * @param position          EXIF GPS position (WGS-84), or null when the photo has none
 */
public record InspectedPhoto(PhotoType type, String sha256, int sizeBytes, Instant takenAt,
                             boolean takenAtZoneAssumed, LatLon position) {
}
