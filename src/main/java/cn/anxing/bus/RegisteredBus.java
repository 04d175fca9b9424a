package cn.anxing.bus;

import cn.anxing.routing.LatLon;
import java.util.UUID;

/**
 * A bus as the coordinator desk registers and edits it (车辆登记).
 *
 * @param label       what the school calls it (一号车)
 * @param plate       its number plate (浙F·12345); may be null
 * @param driverName  the driver; may be null
 * @param driverPhone the driver's mobile; may be null
 * @param depot       where it starts and ends its day; null when that is the school
 */
public record RegisteredBus(UUID id, String label, String plate, int capacity, String driverName,
                            String driverPhone, LatLon depot) {
}
