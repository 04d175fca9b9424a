package cn.anxing.bus;

import cn.anxing.routing.LatLon;
import java.util.UUID;

/**
 * A bus of the school's fleet.
 *
 * @param depot where it starts and ends its day; null when that is the school itself. The empty
 *              drive between the depot and the line counts in driving time, not in ride time.
 */
public record SchoolBus(UUID id, String label, int capacity, LatLon depot) {
}
