package cn.anxing.bus;

import cn.anxing.routing.LatLon;
import java.util.UUID;

/**
 * A household (家庭) whose students ride together and board at the same stop.
 *
 * @param needsDoorStop a student who needs the bus at the door: only the nearest stop will do
 * @param parentPhone   the parent who may look up the bus; null if none registered
 * @param generated     made up by the demo generator, not a real family
 */
public record Household(UUID id, String label, LatLon location, int students,
                        boolean needsDoorStop, String parentPhone, boolean generated) {
}
