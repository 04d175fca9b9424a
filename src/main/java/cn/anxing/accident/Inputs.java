package cn.anxing.accident;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.routing.LatLon;
import java.util.Arrays;

/** Checks of what a person typed that every accident use case shares; each names the field. */
final class Inputs {

    private Inputs() {
    }

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new DomainException(CommonError.VALIDATION_FAILED, field + " is required",
                    field);
        }
        return value.trim();
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, required(value, field).toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new DomainException(CommonError.VALIDATION_FAILED, field + " must be one of "
                    + Arrays.toString(type.getEnumConstants()), field);
        }
    }

    /** A WGS-84 point, or a 400 naming the coordinate that cannot exist. */
    static LatLon point(double lat, double lon) {
        if (!(lat >= -90 && lat <= 90)) {
            throw new DomainException(AccidentError.POSITION_INVALID,
                    "latitude must be within -90..90", "lat");
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new DomainException(AccidentError.POSITION_INVALID,
                    "longitude must be within -180..180", "lon");
        }
        return new LatLon(lat, lon);
    }
}
