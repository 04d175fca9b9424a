package cn.anxing.accident.eligibility;

import java.util.Locale;

/** The OpenStreetMap {@code highway=*} class of the road where the accident happened. */
public enum RoadClass {
    MOTORWAY, MOTORWAY_LINK, TRUNK, TRUNK_LINK, PRIMARY, PRIMARY_LINK, SECONDARY,
    SECONDARY_LINK, TERTIARY, TERTIARY_LINK, UNCLASSIFIED, RESIDENTIAL, LIVING_STREET, SERVICE,
    OTHER, UNKNOWN;

    /** From the OSM tag value; null or blank is UNKNOWN, any other value OTHER. */
    public static RoadClass ofOsm(String highway) {
        if (highway == null || highway.isBlank()) {
            return UNKNOWN;
        }
        try {
            return valueOf(highway.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return OTHER;
        }
    }
}
