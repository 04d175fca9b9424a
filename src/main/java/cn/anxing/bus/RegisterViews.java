package cn.anxing.bus;

import cn.anxing.auth.PhoneNumbers;
import cn.anxing.routing.LatLon;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The register and the import report as JSON. Parents' phones are masked as everywhere in the
 * coordinator's pages (138****0001); drivers' phones are the school's staff data and shown.
 */
final class RegisterViews {

    private RegisterViews() {
    }

    static JsonObject register(RegisterService.Register r) {
        var buses = new JsonArray();
        r.buses().forEach(b -> buses.add(bus(b)));
        var households = new JsonArray();
        r.households().forEach(h -> households.add(household(h)));
        return new JsonObject().put("school", BusRoutes.schoolJson(r.school()))
                .put("buses", buses).put("households", households)
                .put("unpinned", r.households().stream().filter(h -> h.location() == null)
                        .count());
    }

    static JsonObject bus(RegisteredBus b) {
        return new JsonObject().put("id", b.id().toString()).put("label", b.label())
                .put("plate", b.plate()).put("capacity", b.capacity())
                .put("driverName", b.driverName()).put("driverPhone", b.driverPhone())
                .put("depot", point(b.depot()));
    }

    static JsonObject household(RegisteredHousehold h) {
        return new JsonObject().put("id", h.id().toString()).put("label", h.label())
                .put("studentNames", h.studentNames()).put("students", h.students())
                .put("parentPhone", h.parentPhone() == null ? null
                        : PhoneNumbers.mask(h.parentPhone()))
                .put("address", h.address())
                .put("lat", h.location() == null ? null : h.location().lat())
                .put("lon", h.location() == null ? null : h.location().lon())
                .put("needsDoorStop", h.needsDoorStop()).put("generated", h.generated());
    }

    private static JsonObject point(LatLon p) {
        return p == null ? null : new JsonObject().put("lat", p.lat()).put("lon", p.lon());
    }

    /**
     * The check of a file: how it was read, which coordinate system was taken (and why), the
     * households it would register and every problem with its line and column.
     */
    static JsonObject report(HouseholdImport.Report report) {
        var problems = new JsonArray();
        report.problems().forEach(p -> problems.add(new JsonObject().put("line", p.line())
                .put("column", p.column()).put("header", p.header())
                .put("kind", p.kind().name()).put("message", p.message())));
        var rows = new JsonArray();
        report.rows().forEach(r -> rows.add(new JsonObject().put("line", r.line())
                .put("label", r.code()).put("studentNames", r.studentNames())
                .put("students", r.students())
                .put("parentPhone", r.phone() == null ? null : PhoneNumbers.mask(r.phone()))
                .put("address", r.address())
                .put("lat", r.location() == null ? null : r.location().lat())
                .put("lon", r.location() == null ? null : r.location().lon())
                .put("crs", r.location() == null ? null : r.crs().name())));
        var counts = new JsonObject();
        report.crsCounts().forEach((crs, n) -> counts.put(crs.name(), n));
        var table = report.table();
        return new JsonObject()
                .put("format", table.format().name().toLowerCase(java.util.Locale.ROOT))
                .put("encoding", table.encoding()).put("encodingDetected", table.detected())
                .put("crs", new JsonObject().put("source", report.crsSource())
                        .put("counts", counts))
                .put("clean", report.clean()).put("households", report.rows().size())
                .put("students", report.students()).put("unpinned", report.unpinned())
                .put("ignoredColumns", new JsonArray(report.ignoredColumns()))
                .put("problems", problems).put("rows", rows);
    }
}
