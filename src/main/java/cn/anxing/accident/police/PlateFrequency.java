package cn.anxing.accident.police;

import java.time.Duration;

/**
 * A plate in {@code cases} or more accident cases within {@code window} is worth an officer's
 * look (a car crashed on purpose for the insurance, a plate lent around).
 */
public record PlateFrequency(int cases, Duration window) {

    public PlateFrequency {
        if (cases < 2) {
            throw new IllegalArgumentException("a plate is frequent from 2 cases on, not " + cases);
        }
    }

    /** @param casesWithPlate the cases with this plate reported within the window, this one too */
    public boolean frequent(long casesWithPlate) {
        return casesWithPlate >= cases;
    }
}
