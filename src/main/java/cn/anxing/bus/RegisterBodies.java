package cn.anxing.bus;

import cn.anxing.auth.PhoneNumbers;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.http.Bodies;
import cn.anxing.routing.LatLon;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The register's request bodies read into records, each bad value a 400 naming its field in
 * Chinese and English. Positions are given with their {@code crs} (WGS84 unless said) and come
 * out as WGS-84 on the map.
 */
final class RegisterBodies {

    /** Fails unless a WGS-84 point is on the map, naming the latitude or longitude field. */
    interface OnMap {
        void require(LatLon point, String latField, String lonField);
    }

    /** A school's editable details. */
    record SchoolFields(String name, LatLon location, LocalTime evening, LocalTime morning) {
    }

    private final OnMap onMap;

    RegisterBodies(OnMap onMap) {
        this.onMap = onMap;
    }

    SchoolFields school(JsonObject body) {
        Bodies.only(body, "", "name", "lat", "lon", "crs", "eveningDismissal", "morningArrival");
        return new SchoolFields(text(body, "name", 100, true), location(body, ""),
                time(body, "eveningDismissal"), time(body, "morningArrival"));
    }

    RegisteredBus bus(UUID id, JsonObject body) {
        Bodies.only(body, "", "label", "plate", "capacity", "driverName", "driverPhone", "depot");
        LatLon depot = null;
        Object given = body.getValue("depot");
        if (given != null) {
            if (!(given instanceof JsonObject d)) {
                throw invalid("depot", "停车场应为 {lat, lon, crs}，或留空表示学校 / depot must be"
                        + " {lat, lon, crs} or null for the school");
            }
            depot = location(Bodies.only(d, "depot.", "lat", "lon", "crs"), "depot.");
        }
        String phone = text(body, "driverPhone", 20, false);
        return new RegisteredBus(id, text(body, "label", 50, true), text(body, "plate", 20, false),
                whole(body, "capacity", 1, 100), text(body, "driverName", 50, false),
                phone == null ? null : PhoneNumbers.normalise(phone, "driverPhone"), depot);
    }

    /**
     * A household; its position is optional when an address is given (it is pinned later).
     * A {@code parentPhone} left out is returned as null (the caller decides what that means).
     */
    RegisteredHousehold household(UUID id, JsonObject body) {
        Bodies.only(body, "", "label", "studentNames", "students", "parentPhone", "address",
                "lat", "lon", "crs", "needsDoorStop");
        String address = text(body, "address", 200, false);
        LatLon location = null;
        if (body.getValue("lat") != null || body.getValue("lon") != null || address == null) {
            location = location(body, "");
        }
        String phone = text(body, "parentPhone", 20, false);
        return new RegisteredHousehold(id, text(body, "label", 50, true),
                text(body, "studentNames", 200, false), whole(body, "students", 1, 20),
                phone == null ? null : PhoneNumbers.normalise(phone, "parentPhone"), address,
                location, Bodies.optionalBoolean(body, "needsDoorStop", false), false);
    }

    LatLon position(JsonObject body) {
        return location(Bodies.only(body, "", "lat", "lon", "crs"), "");
    }

    /** {@code ids}: 1 to 5000 UUIDs. */
    static List<UUID> ids(JsonObject body) {
        Bodies.only(body, "", "ids");
        Object value = body.getValue("ids");
        if (!(value instanceof JsonArray a) || a.isEmpty() || a.size() > HouseholdImport.MAX_ROWS) {
            throw invalid("ids", "ids 应为 1 到 5000 个编号的数组 / ids must be an array of 1 to 5000"
                    + " ids");
        }
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            try {
                ids.add(UUID.fromString(String.valueOf(a.getValue(i))));
            } catch (IllegalArgumentException e) {
                throw invalid("ids[" + i + "]", "ids[" + i + "] 不是有效编号 / is not a UUID");
            }
        }
        return ids;
    }

    private LatLon location(JsonObject body, String prefix) {
        double lat = number(body, "lat", prefix);
        double lon = number(body, "lon", prefix);
        CoordinateSystem crs = CoordinateSystem.WGS84;
        if (body.getValue("crs") != null) {
            crs = HouseholdImport.crs(text(body, "crs", 10, true)).orElseThrow(() -> invalid(
                    prefix + "crs", "坐标系只能是 WGS84、GCJ02 或 BD09 / crs must be WGS84, GCJ02"
                    + " or BD09"));
        }
        if (Math.abs(lat) > 90) {
            throw invalid(prefix + "lat", "纬度应在 -90 到 90 之间 / lat must be a latitude");
        }
        if (Math.abs(lon) > 180) {
            throw invalid(prefix + "lon", "经度应在 -180 到 180 之间 / lon must be a longitude");
        }
        LatLon point = crs.toWgs84(new LatLon(lat, lon));
        onMap.require(point, prefix + "lat", prefix + "lon");
        return point;
    }

    private static double number(JsonObject body, String field, String prefix) {
        Object value = body.getValue(field);
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw invalid(prefix + field, (field.equals("lat") ? "纬度" : "经度")
                    + "应为数字 / " + prefix + field + " must be a number");
        }
        return n.doubleValue();
    }

    private static int whole(JsonObject body, String field, int min, int max) {
        Object value = body.getValue(field);
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || n.doubleValue() < min || n.doubleValue() > max) {
            throw invalid(field, field + " 应为 " + min + " 到 " + max + " 的整数 / " + field
                    + " must be a whole number from " + min + " to " + max);
        }
        return n.intValue();
    }

    private static String text(JsonObject body, String field, int max, boolean required) {
        Object value = body.getValue(field);
        if (value == null || value instanceof String s && s.isBlank()) {
            if (required) {
                throw invalid(field, field + " 必填 / " + field + " is required");
            }
            return null;
        }
        if (!(value instanceof String s)) {
            throw invalid(field, field + " 应为文本 / " + field + " must be a string");
        }
        if (s.strip().length() > max) {
            throw invalid(field, field + " 最多 " + max + " 个字 / " + field + " may be at most "
                    + max + " characters");
        }
        return s.strip();
    }

    private static LocalTime time(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value instanceof String text && text.length() <= 8) {
            try {
                return LocalTime.parse(text);
            } catch (DateTimeParseException e) {
                // below
            }
        }
        throw invalid(field, field + " 应为时刻，如 21:00 / " + field
                + " must be a time of day such as 21:00");
    }

    static DomainException invalid(String field, String message) {
        return new DomainException(CommonError.VALIDATION_FAILED, message, field);
    }
}
