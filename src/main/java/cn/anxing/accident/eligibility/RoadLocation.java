package cn.anxing.accident.eligibility;

/**
 * Where the accident happened, as the road network classifies it.
 *
 * @param motorroad OSM {@code motorroad=yes}: motor vehicles only, grade-separated; in Chinese
 *                  cities a trunk road so tagged is an urban expressway (城市快速路)
 */
public record RoadLocation(RoadClass roadClass, boolean motorroad) {

    public static RoadLocation unknown() {
        return new RoadLocation(RoadClass.UNKNOWN, false);
    }

    /** Expressway (高速公路) or urban expressway (城市快速路), where 浙里快处 does not apply. */
    public boolean expressway() {
        return switch (roadClass) {
            case MOTORWAY, MOTORWAY_LINK -> true;
            case TRUNK, TRUNK_LINK -> motorroad;
            default -> false;
        };
    }
}
