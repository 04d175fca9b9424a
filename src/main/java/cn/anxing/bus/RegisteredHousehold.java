package cn.anxing.bus;

import cn.anxing.routing.LatLon;
import java.util.UUID;

/**
 * A household as the coordinator desk registers and edits it (家庭登记).
 *
 * @param label         the school's household number (家庭编号), or a name for it
 * @param studentNames  the students who ride, as the school wrote them (张三、李四); may be null
 * @param parentPhone   the parent who may look up the bus; null if none
 * @param address       where the family lives, as written; null when only a position is known
 * @param location      WGS-84; null until the coordinator pins an address-only household on
 *                      the map (such a household is left out of planning until then)
 */
public record RegisteredHousehold(UUID id, String label, String studentNames, int students,
                                  String parentPhone, String address, LatLon location,
                                  boolean needsDoorStop, boolean generated) {
}
