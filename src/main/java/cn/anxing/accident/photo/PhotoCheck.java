package cn.anxing.accident.photo;

import cn.anxing.routing.LatLon;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Flags a photo whose own record of when and where it was taken is far from the report's (an
 * old photo of another scrape, or one taken elsewhere), or that says nothing of when it was
 * taken: a phone camera writes the time, so a photo without one was edited, screenshotted or
 * passed through a messenger that strips it, and nothing shows it was taken at this accident. A
 * photo without a position is not flagged: phones leave it out whenever location is off. A flag
 * does not refuse the photo (EXIF can be wrong); it marks the case for the officer who reviews
 * it.
 */
public record PhotoCheck(Duration maxTimeGap, double maxDistanceMetres) {

    public enum Kind { NO_PHOTO_TIME, TIME_FAR_FROM_REPORT, POSITION_FAR_FROM_REPORT }

    /**
     * @param amount minutes for a time flag, metres for a position flag, 0 for no time
     * @param limit  the allowed amount
     */
    public record Flag(Kind kind, double amount, double limit, String zh, String en) {
    }

    public List<Flag> check(InspectedPhoto photo, Instant reportedAt, LatLon reportedPosition) {
        List<Flag> flags = new ArrayList<>();
        if (photo.takenAt() == null) {
            flags.add(new Flag(Kind.NO_PHOTO_TIME, 0, maxTimeGap.toMinutes(), "照片没有拍摄时间",
                    "The photo does not say when it was taken"));
        } else if (reportedAt != null) {
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
