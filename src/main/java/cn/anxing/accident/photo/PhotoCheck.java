package cn.anxing.accident.photo;

import cn.anxing.routing.LatLon;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Flags a photo whose own record of when and where it was taken is far from the report's: an
 * old photo of another scrape, or one taken elsewhere. A flag does not refuse the photo (EXIF
 * can be wrong); it marks the case for the officer who reviews it.
 */
public record PhotoCheck(Duration maxTimeGap, double maxDistanceMetres) {

    public enum Kind { TIME_FAR_FROM_REPORT, POSITION_FAR_FROM_REPORT }

    /**
     * @param amount minutes for a time flag, metres for a position flag
     * @param limit  the allowed amount
     */
    public record Flag(Kind kind, double amount, double limit, String zh, String en) {
    }

    public List<Flag> check(InspectedPhoto photo, Instant reportedAt, LatLon reportedPosition) {
        List<Flag> flags = new ArrayList<>();
        if (photo.takenAt() != null && reportedAt != null) {
            Duration gap = Duration.between(photo.takenAt(), reportedAt).abs();
            if (gap.compareTo(maxTimeGap) > 0) {
                double minutes = gap.toSeconds() / 60.0;
                flags.add(new Flag(Kind.TIME_FAR_FROM_REPORT, minutes, maxTimeGap.toMinutes(),
                        "照片拍摄时间与报案时间相差%.0f分钟".formatted(minutes),
                        "Photo taken %.0f minutes from the report time".formatted(minutes)));
            }
        }
        if (photo.position() != null && reportedPosition != null) {
            double metres = photo.position().distanceMetres(reportedPosition);
            if (metres > maxDistanceMetres) {
                flags.add(new Flag(Kind.POSITION_FAR_FROM_REPORT, metres, maxDistanceMetres,
                        "照片拍摄位置距报案位置%.0f米".formatted(metres),
                        "Photo taken %.0f m from the reported position".formatted(metres)));
            }
        }
        return flags;
    }
}
