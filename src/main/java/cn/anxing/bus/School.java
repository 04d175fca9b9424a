package cn.anxing.bus;

import cn.anxing.routing.LatLon;
import java.time.LocalTime;
import java.util.UUID;

/**
 * A school that runs custom buses (校园定制公交).
 *
 * @param eveningDismissal when evening self-study ends (晚自习放学), local time: the evening run
 *                         leaves then
 * @param morningArrival   when the morning run must be at the school, local time
 */
public record School(UUID id, String name, LatLon location, LocalTime eveningDismissal,
                     LocalTime morningArrival) {
}
